/// Undoes the ways a text can hide a finding from the byte-level rules while looking the same
/// on a page: zero-width and other invisible format characters (`机\u{200B}密`), HTML character
/// references (`机&#23494;`, which Markdown passes through and a browser shows as 机密) and
/// full-width Latin letters and signs (`ＳＥＣＲＥＴ`).
///
/// Most texts have none of these: `normalized` reads the bytes once and returns nil, so the rules
/// scan the original text without a copy. Separators inside numbers (`370303 19800101 1234`,
/// `138**0013**8000`) are the number rules' business (`AuditBytes.numberSeparatorLength`).
enum AuditNormalizer {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The text with invisible characters dropped, character references decoded and full-width
    /// ASCII folded; nil when there is nothing to change.
    static func normalized(_ text: String) -> String? {
        text.withUTF8Bytes { b -> String? in
            guard let first = firstChange(b) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            out.append(contentsOf: b[0..<first])
            var i = first
            while i < b.count {
                let c = b[i]
                if c == 0x26, let (scalar, length) = characterReference(b, i) {
                    appendUTF8(scalar, to: &out)
                    i += length
                    continue
                }
                let invisible = invisibleLength(b, i)
                if invisible > 0 {
                    i += invisible
                    continue
                }
                if let ascii = fullWidthASCII(b, i) {
                    out.append(ascii)
                    i += 3
                    continue
                }
                out.append(c)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Index of the first byte that normalising changes, or nil.
    ///
    /// Only `&` and the lead bytes C2, CD, D8, E1, E2 and EF can start a change; everything
    /// else (all of CJK, whose lead bytes are E3…E9) is passed over with one table load.
    static func firstChange(_ b: Bytes) -> Int? {
        let n = b.count
        var i = 0
        while i < n {
            if !Table.mayStart[Int(b[i])] {
                i += 1
                continue
            }
            if b[i] == 0x26 {
                if characterReference(b, i) != nil { return i }
            } else if invisibleLength(b, i) > 0 || fullWidthLetter(b, i) {
                return i
            }
            i += 1
        }
        return nil
    }

    /// Byte length of an invisible format character at `i` (zero-width spaces and joiners,
    /// direction marks and embeddings, word joiner, soft hyphen, BOM, variation selectors), or 0.
    @inline(__always)
    static func invisibleLength(_ b: Bytes, _ i: Int) -> Int {
        let c = b[i]
        guard c >= 0xC2, i + 1 < b.count else { return 0 }
        let c1 = b[i + 1]
        switch c {
        case 0xC2: return c1 == 0xAD ? 2 : 0                       // U+00AD soft hyphen
        case 0xCD: return c1 == 0x8F ? 2 : 0                       // U+034F combining grapheme joiner
        case 0xD8: return c1 == 0x9C ? 2 : 0                       // U+061C Arabic letter mark
        default: break
        }
        guard i + 2 < b.count else { return 0 }
        let c2 = b[i + 2]
        switch (c, c1) {
        case (0xE1, 0xA0): return c2 == 0x8E ? 3 : 0               // U+180E Mongolian vowel separator
        case (0xE2, 0x80): return (0x8B...0x8F).contains(c2) || (0xAA...0xAE).contains(c2) ? 3 : 0   // U+200B–200F, U+202A–202E
        case (0xE2, 0x81): return (0xA0...0xA4).contains(c2) || (0xA6...0xAF).contains(c2) ? 3 : 0   // U+2060–2064, U+2066–206F
        case (0xEF, 0xBB): return c2 == 0xBF ? 3 : 0               // U+FEFF
        case (0xEF, 0xB8): return (0x80...0x8F).contains(c2) ? 3 : 0   // U+FE00–FE0F variation selectors
        default: return 0
        }
    }

    /// Whether a full-width Latin letter (U+FF21–FF3A, U+FF41–FF5A) is at `i`.
    @inline(__always)
    static func fullWidthLetter(_ b: Bytes, _ i: Int) -> Bool {
        guard b[i] == 0xEF, i + 2 < b.count else { return false }
        return (b[i + 1] == 0xBC && (0xA1...0xBA).contains(b[i + 2])) || (b[i + 1] == 0xBD && (0x81...0x9A).contains(b[i + 2]))
    }

    /// The ASCII byte of a full-width form U+FF01–FF5E at `i`, or nil.
    @inline(__always)
    static func fullWidthASCII(_ b: Bytes, _ i: Int) -> UInt8? {
        guard b[i] == 0xEF, i + 2 < b.count else { return nil }
        let c2 = b[i + 2]
        if b[i + 1] == 0xBC, (0x81...0xBF).contains(c2) { return c2 - 0x81 + 0x21 }   // U+FF01–FF3F → ! … _
        if b[i + 1] == 0xBD, (0x80...0x9E).contains(c2) { return c2 - 0x80 + 0x60 }   // U+FF40–FF5E → ` … ~
        return nil
    }

    /// The scalar and byte length of an HTML character reference at `i` (`&#23494;`, `&#x5BC6;`,
    /// and `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;`), or nil.
    static func characterReference(_ b: Bytes, _ i: Int) -> (UInt32, Int)? {
        let n = b.count
        guard i + 3 < n, b[i] == 0x26 else { return nil }
        if b[i + 1] == 0x23 {
            var k = i + 2
            let hex = b[k] | 0x20 == 0x78
            if hex { k += 1 }
            var value: UInt32 = 0
            var digits = 0
            while k < n, digits < 8 {
                let c = b[k]
                let digit: UInt32
                if c &- 0x30 < 10 {
                    digit = UInt32(c - 0x30)
                } else if hex, (c | 0x20) &- 0x61 < 6 {
                    digit = UInt32((c | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                value = value * (hex ? 16 : 10) + digit
                digits += 1
                k += 1
            }
            guard digits > 0, value > 0, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
            // The semicolon is optional for a numeric reference, as browsers read it.
            if k < n, b[k] == 0x3B { k += 1 }
            return (value, k - i)
        }
        for (name, scalar) in Table.named where AuditBytes.hasBytes(b, at: i + 1, name) {
            return (scalar, name.count + 1)
        }
        return nil
    }

    /// Appends `scalar` as UTF-8.
    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        guard let unicode = Unicode.Scalar(scalar) else { return }
        out.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    /// Lookup tables, made once.
    enum Table {
        /// Bytes that may start a change: `&` and the lead bytes of the characters above.
        static let mayStart: [Bool] = (0..<256).map { [0x26, 0xC2, 0xCD, 0xD8, 0xE1, 0xE2, 0xEF].contains($0) }
        /// Named references a browser decodes, with their semicolon.
        static let named: [([UInt8], UInt32)] = [
            ("amp;", 0x26), ("lt;", 0x3C), ("gt;", 0x3E), ("quot;", 0x22), ("apos;", 0x27), ("nbsp;", 0xA0),
        ].map { (Array($0.0.utf8), $0.1) }
    }
}
