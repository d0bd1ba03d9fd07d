import type { FastifyInstance } from "fastify";
import type { AppContext } from "../app-context.js";

/**
 * WeChat asks the domain owner to serve `MP_verify_xxx.txt` at the root when registering the
 * 网页授权域名 (protocol sheet §1.1): plain text, exactly the content it gave.
 */
export default async function mpVerifyRoute(
  app: FastifyInstance,
  options: { ctx: AppContext },
): Promise<void> {
  const file = options.ctx.config.mpVerify;
  if (!file) return;
  app.get(`/${file.name}`, async (_request, reply) => {
    reply.type("text/plain; charset=utf-8").header("cache-control", "no-cache");
    return file.content;
  });
}
