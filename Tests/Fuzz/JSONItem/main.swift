// Fuzzes the JSON and NDJSON item parsers: the first byte picks `.json` (one item or an array)
// or `.ndjson` (one item a line); any bytes give items or a `.input` error naming the file.
import FuzzSupport
import PubsyncCore

let parser = ImportParser(channelNames: ["site", "weibo", "portal"])

FuzzDriver.run { bytes in
    guard let mode = bytes.first else { return }
    let file = FuzzFiles.write(bytes.dropFirst(), to: mode & 1 == 0 ? "items.json" : "items.ndjson").path
    do {
        try parser.parse(file: file) { _ in }
    } catch let error as PubsyncError {
        FuzzExpect.that(error.code == .input, "code \(error.code) for a bad item: \(error.message)")
        FuzzExpect.that(error.message.hasPrefix(file), "the message does not name the file: \(error.message)")
    } catch {
        FuzzExpect.that(false, "an error that is not a PubsyncError: \(error)")
    }
}
