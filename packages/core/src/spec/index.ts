export type * from "./audio-model.js";
export type * from "./embedding-model.js";
export type * from "./image-model.js";
export type * from "./provider.js";
export type * from "./shared.js";
export type * from "./text-model.js";
export type * from "./video-model.js";
