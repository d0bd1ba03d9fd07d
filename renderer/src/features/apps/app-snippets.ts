/**
 * Copy-paste code that signs WeChat users in to a connected app, for the four back ends accounts
 * run most: Node (panva's openid-client v6), Java (Spring Security), PHP (league/oauth2-client) and
 * Python (Authlib + Flask). Each reads the app's secret from the environment variable
 * WXDESK_CLIENT_SECRET, never inline: a snippet pasted into a chat or a repository leaks nothing.
 * The protocol's own names (client_id, redirect_uri, openid) belong here, inside the code; the
 * screen around it uses plain words. The Node and Python snippets are run by e2e/desk-apps.spec.ts.
 */

export type SnippetLanguage = "node" | "java" | "php" | "python";
export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = ["node", "java", "php", "python"];

export interface SnippetInput {
  clientId: string;
  /** `<public URL>/.well-known/openid-configuration`. */
  discoveryUrl: string;
  /** The address users come back to after signing in, exactly as registered. */
  redirectUri: string;
}

export interface Snippet {
  language: SnippetLanguage;
  /** Where the code goes: a file name. */
  file: string;
  /** How to install what it needs and start it. */
  setup: string;
  code: string;
}

export const SECRET_ENV = "WXDESK_CLIENT_SECRET";
const DISCOVERY_SUFFIX = "/.well-known/openid-configuration";

/** The server's address, as the libraries that want the issuer take it. */
export function issuerOf(discoveryUrl: string): string {
  return discoveryUrl.endsWith(DISCOVERY_SUFFIX)
    ? discoveryUrl.slice(0, -DISCOVERY_SUFFIX.length)
    : discoveryUrl;
}

/** A JS / Java / PHP / Python string literal: the values are URLs and ids, but quote them properly anyway. */
const quoted = (value: string) => JSON.stringify(value);

function nodeSnippet({ clientId, discoveryUrl, redirectUri }: SnippetInput): Snippet {
  const code = `import { createServer } from "node:http";
import * as client from "openid-client";

const ISSUER = ${quoted(issuerOf(discoveryUrl))};
const CLIENT_ID = ${quoted(clientId)};
const REDIRECT_URI = ${quoted(redirectUri)};

const config = await client.discovery(
  new URL(ISSUER),
  CLIENT_ID,
  process.env.${SECRET_ENV},
  undefined,
  // http:// only when trying it with the desktop's local sandbox.
  ISSUER.startsWith("http://") ? { execute: [client.allowInsecureRequests] } : undefined,
);

const callback = new URL(REDIRECT_URI);
const pending = new Map(); // state -> PKCE verifier (keep it in your session store in production)

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", callback.origin);
  if (url.pathname === callback.pathname) {
    const state = url.searchParams.get("state") ?? "";
    const verifier = pending.get(state);
    pending.delete(state);
    try {
      const tokens = await client.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      const claims = tokens.claims(); // claims.sub: the user's openid
      const user = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      res.end(\`Signed in: \${user.nickname ?? ""} (\${claims.sub})\`);
    } catch (error) {
      // error_description says why in words (e.g. a snapshot-page visitor cannot sign in): show it.
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end(\`Sign-in failed: \${error.error_description ?? error.message}\`);
    }
    return;
  }
  if (url.pathname !== "/login") {
    // Only /login starts a sign-in: a browser's own requests (favicon.ico) must not.
    const page = url.pathname === "/" ? '<a href="/login">Sign in with WeChat</a>' : "Not found";
    res.writeHead(url.pathname === "/" ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
    return;
  }
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  pending.set(state, verifier);
  const target = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: "openid profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
  });
  res.writeHead(302, { location: target.href }).end();
}).listen(Number(process.env.PORT ?? 3000));
`;
  return {
    language: "node",
    file: "app.mjs",
    setup: `npm install openid-client\n${SECRET_ENV}=… PORT=3000 node app.mjs`,
    code,
  };
}

function javaSnippet({ clientId, discoveryUrl, redirectUri }: SnippetInput): Snippet {
  const path = new URL(redirectUri).pathname;
  const code = `# application.yml (spring-boot-starter-oauth2-client)
spring:
  security:
    oauth2:
      client:
        registration:
          wechat:
            client-id: ${quoted(clientId)}
            client-secret: \${${SECRET_ENV}}
            authorization-grant-type: authorization_code
            scope: openid,profile
            redirect-uri: ${quoted(redirectUri)}
        provider:
          wechat:
            issuer-uri: ${quoted(issuerOf(discoveryUrl))}
            user-name-attribute: sub

# In your SecurityFilterChain (Spring answers the callback at ${path}):
#   http.oauth2Login(login -> login.redirectionEndpoint(e -> e.baseUri(${quoted(path)})));
# The signed-in user: @AuthenticationPrincipal OidcUser user -> user.getSubject() is the openid.
`;
  return {
    language: "java",
    file: "src/main/resources/application.yml",
    setup: `# build.gradle: implementation "org.springframework.boot:spring-boot-starter-oauth2-client"\n${SECRET_ENV}=… ./gradlew bootRun`,
    code,
  };
}

function phpSnippet({ clientId, discoveryUrl, redirectUri }: SnippetInput): Snippet {
  const issuer = issuerOf(discoveryUrl);
  const code = `<?php
// Addresses from ${discoveryUrl}
require __DIR__ . '/vendor/autoload.php';
session_start();

$provider = new \\League\\OAuth2\\Client\\Provider\\GenericProvider([
    'clientId'                => ${quoted(clientId)},
    'clientSecret'            => getenv('${SECRET_ENV}'),
    'redirectUri'             => ${quoted(redirectUri)},
    'urlAuthorize'            => ${quoted(`${issuer}/oidc/auth`)},
    'urlAccessToken'          => ${quoted(`${issuer}/oidc/token`)},
    'urlResourceOwnerDetails' => ${quoted(`${issuer}/oidc/userinfo`)},
    'scopes'                  => 'openid profile',
    'scopeSeparator'          => ' ',
    'pkceMethod'              => \\League\\OAuth2\\Client\\Provider\\GenericProvider::PKCE_METHOD_S256,
]);

if (!isset($_GET['code'])) {
    // Sign in with WeChat first.
    $url = $provider->getAuthorizationUrl();
    $_SESSION['oauth2state'] = $provider->getState();
    $_SESSION['oauth2pkce'] = $provider->getPkceCode();
    header('Location: ' . $url);
    exit;
}
if (!hash_equals($_SESSION['oauth2state'] ?? '', $_GET['state'] ?? '')) {
    exit('Sign-in failed: state does not match');
}
$provider->setPkceCode($_SESSION['oauth2pkce']);
$token = $provider->getAccessToken('authorization_code', ['code' => $_GET['code']]);
$user = $provider->getResourceOwner($token)->toArray(); // $user['sub']: the openid
echo 'Signed in: ' . htmlspecialchars($user['nickname'] ?? $user['sub']);
`;
  return {
    language: "php",
    file: "callback.php",
    setup: `composer require league/oauth2-client\n${SECRET_ENV}=… php -S 127.0.0.1:3000`,
    code,
  };
}

function pythonSnippet({ clientId, discoveryUrl, redirectUri }: SnippetInput): Snippet {
  const path = new URL(redirectUri).pathname;
  const code = `import os

from authlib.integrations.flask_client import OAuth
from flask import Flask, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]  # signs Flask's session cookie

oauth = OAuth(app)
oauth.register(
    "wechat",
    client_id=${quoted(clientId)},
    client_secret=os.environ["${SECRET_ENV}"],
    server_metadata_url=${quoted(discoveryUrl)},
    client_kwargs={"scope": "openid profile", "code_challenge_method": "S256"},
)


@app.route("/login")
def login():
    return oauth.wechat.authorize_redirect(${quoted(redirectUri)})


@app.route(${quoted(path)})
def callback():
    token = oauth.wechat.authorize_access_token()
    user = token["userinfo"]  # user["sub"]: the openid
    session["user"] = dict(user)
    return f"Signed in: {user.get('nickname', '')} ({user['sub']})"
`;
  return {
    language: "python",
    file: "app.py",
    setup: `pip install authlib flask requests\n${SECRET_ENV}=… FLASK_SECRET_KEY=… flask --app app run --port 3000`,
    code,
  };
}

const BUILDERS: Record<SnippetLanguage, (input: SnippetInput) => Snippet> = {
  node: nodeSnippet,
  java: javaSnippet,
  php: phpSnippet,
  python: pythonSnippet,
};

export function appSnippet(language: SnippetLanguage, input: SnippetInput): Snippet {
  return BUILDERS[language](input);
}
