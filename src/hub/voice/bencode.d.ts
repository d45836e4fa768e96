// The bencode package ships no types; these are the two calls the rtpengine client makes.
declare module 'bencode' {
  type Bencodable = string | number | Uint8Array | Bencodable[] | { [key: string]: Bencodable | undefined };
  const bencode: {
    encode(value: Bencodable): Uint8Array;
    /** Byte strings come back as Uint8Array (its `encoding` argument breaks on dictionaries in 4.0). */
    decode(data: Uint8Array): unknown;
  };
  export default bencode;
}
