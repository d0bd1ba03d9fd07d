export { jssdkSignature } from "./jssdk-signature.js";
export { createNonce } from "./nonce.js";
