// Vite's `?url` imports: the file is emitted as an asset and its URL imported (pdf.js's worker).
declare module '*?url' {
  const url: string;
  export default url;
}
declare module '*?worker&url' {
  const url: string;
  export default url;
}
