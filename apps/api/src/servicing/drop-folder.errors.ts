/** A drop folder the watch cannot work in safely (held by another watcher, a linked sub-folder); it stops. */
export class DropFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DropFolderError";
  }
}
