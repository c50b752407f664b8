// node:http2 for the bundle, loaded on first use. undici requires it when it loads, for an HTTP/2
// client that gaussdb-top never enables (allowH2 is off): loading it costs about 11 ms of a 60 ms
// start (bench/README.md, start-up). undici destructures these constants at load time; they are
// fixed by RFC 9113 and nghttp2. Anything else, including any other constant, loads the real module.
const known = {
  HTTP2_HEADER_AUTHORITY: ':authority',
  HTTP2_HEADER_METHOD: ':method',
  HTTP2_HEADER_PATH: ':path',
  HTTP2_HEADER_SCHEME: ':scheme',
  HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
  HTTP2_HEADER_EXPECT: 'expect',
  HTTP2_HEADER_STATUS: ':status',
  HTTP2_HEADER_PROTOCOL: ':protocol',
  NGHTTP2_NO_ERROR: 0,
  NGHTTP2_PROTOCOL_ERROR: 1,
  NGHTTP2_REFUSED_STREAM: 7,
};

let real;
// biome-ignore lint/style/useNodejsImportProtocol: 'node:http2' is the name the build maps to this file.
const load = () => (real ??= require('http2'));

const constants = new Proxy(known, {
  get: (target, name) => (Object.hasOwn(target, name) ? target[name] : load().constants[name]),
});

module.exports = new Proxy(
  {},
  {
    get: (_target, name) => (name === 'constants' ? constants : load()[name]),
    has: (_target, name) => name in load(),
  },
);
