import Foundation

/// libFuzzer's driver (`-sanitize=fuzzer` links it): runs the fuzzing loop with `argv`'s flags.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The function under test; set once by `FuzzDriver.run` before libFuzzer starts calling it.
nonisolated(unsafe) private var target: (UnsafeRawBufferPointer) -> Void = { _ in }

/// Starts libFuzzer from a target's `main.swift`.
///
/// SwiftPM renames an executable's entry point on Linux (`main` becomes an alias of
/// `<module>_main`), which hides libFuzzer's own `main`; calling `LLVMFuzzerRunDriver` from the
/// target's top-level code works with that rename and takes the usual libFuzzer flags.
public enum FuzzDriver {
    /// Runs libFuzzer with `body` as the test function and exits with its status.
    public static func run(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        target = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            target(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }
        exit(status)
    }
}
