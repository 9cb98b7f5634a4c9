/** Types of scripts/compress-web.mjs (for the tests that build a tiny web dist). */
export declare function compressDir(dir: string): {
  files: number;
  raw: number;
  br: number;
  gz: number;
};
