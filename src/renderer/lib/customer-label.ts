/**
 * What to call a customer on screen. A visitor who never gave a name gets a short, stable tag
 * ("Visitor 3C2F") instead of a technical id; the id itself stays in the identities list.
 */
export function visitorTag(customerId: string): string {
  // FNV-1a: stable across sessions and devices, so every screen shows the same tag for one person.
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) hash = Math.imul(hash ^ customerId.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** The customer's own name, or the translated visitor label built from `visitor(tag)`. */
export function customerLabel(name: string | null | undefined, customerId: string, visitor: (tag: string) => string): string {
  const given = name?.trim();
  return given ? given : visitor(visitorTag(customerId));
}
