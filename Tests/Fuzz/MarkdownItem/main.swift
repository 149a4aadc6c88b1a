// Fuzzes the Markdown item parser (YAML front matter through Yams, then every field's rules):
// any bytes give an item or a `.input` error that names the file; never a crash or a hang.
import FuzzSupport
import PubsyncCore

let parser = ImportParser(channelNames: ["site", "weibo", "portal"])

FuzzDriver.run { bytes in
    let file = FuzzFiles.write(bytes, to: "item.md").path
    do {
        try parser.parse(file: file) { _ in }
    } catch let error as PubsyncError {
        FuzzExpect.that(error.code == .input, "code \(error.code) for a bad item: \(error.message)")
        FuzzExpect.that(error.message.hasPrefix(file), "the message does not name the file: \(error.message)")
    } catch {
        FuzzExpect.that(false, "an error that is not a PubsyncError: \(error)")
    }
}
