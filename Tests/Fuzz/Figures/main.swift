// Fuzzes the annual report's figures file (TOML): any text gives figures or one `.input`
// error naming the file and every broken rule; never a crash (overflowing sums included).
import Foundation
import FuzzSupport
import PubsyncCore

let file = FuzzFiles.folder.appendingPathComponent("reports/2025.toml")

FuzzDriver.run { bytes in
    do {
        _ = try AnnualFigures.parse(String(decoding: bytes, as: UTF8.self), file: file)
    } catch let error as PubsyncError {
        FuzzExpect.that(error.code == .input, "code \(error.code) for a bad figures file: \(error.message)")
        FuzzExpect.that(error.message.contains(file.path), "the message does not name the file: \(error.message)")
    } catch {
        FuzzExpect.that(false, "an error that is not a PubsyncError: \(error)")
    }
}
