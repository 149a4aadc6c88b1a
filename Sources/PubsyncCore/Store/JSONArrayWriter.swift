/// Writes an array of rows (arrays of text, integers and nulls) as JSON, for handing a batch
/// to SQLite's `json_each` in one statement. Foundation's `JSONSerialization` took longer to
/// encode a sync batch than SQLite took to store it; this writes bytes straight into a buffer.
struct JSONArrayWriter {
    /// One JSON value of a row.
    enum Value {
        case text(String)
        case integer(Int)
        case null
    }

    private var bytes: [UInt8] = [UInt8(ascii: "[")]
    /// Rows written so far.
    private(set) var rows = 0

    /// Appends one row.
    mutating func row(_ values: [Value]) {
        if rows > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch value {
            case .text(let text): JSONString.append(text, to: &bytes)
            case .integer(let number): bytes.append(contentsOf: String(number).utf8)
            case .null: bytes.append(contentsOf: "null".utf8)
            }
        }
        bytes.append(UInt8(ascii: "]"))
        rows += 1
    }

    /// The finished document.
    mutating func finish() -> String {
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
