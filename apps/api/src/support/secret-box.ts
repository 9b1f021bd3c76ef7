import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const TAG_BYTES = 16;

/**
 * Seals small secrets kept in the database (staff TOTP secrets) with AES-256-GCM, so a copy of the
 * database (a backup, a replica) does not hand out second factors. The key is STAFF_SECRET_KEY's
 * SHA-256; a sealed value is `v1.<iv>.<tag>.<ciphertext>` in base64url, and its owner (the staff id)
 * is bound as associated data: a sealed value moved to another row does not open.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    this.key = createHash("sha256").update(keyMaterial, "utf8").digest();
  }

  seal(plain: string, owner: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(owner, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(".");
  }

  /** Throws when the value was sealed with another key, for another owner, or altered. */
  open(sealed: string, owner: string): string {
    const [version, iv, tag, body] = sealed.split(".");
    if (version !== "v1" || !iv || !tag || body === undefined)
      throw new Error("not a sealed value");
    const authTag = Buffer.from(tag, "base64url");
    // A shortened tag would be accepted by a decipher not told its length.
    if (authTag.length !== TAG_BYTES) throw new Error("not a sealed value");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(owner, "utf8"));
    decipher.setAuthTag(authTag);
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  }
}
