#if canImport(Glibc)
import Glibc

// malloc.h, which the Glibc module does not import.
@_silgen_name("mallopt") private func c_mallopt(_ parameter: Int32, _ value: Int32) -> Int32
@_silgen_name("malloc_trim") private func c_malloc_trim(_ pad: Int) -> Int32
#endif

/// glibc's allocator, tuned for a bulk run (a full publish of 100,000 items) that renders on
/// every core: without this it keeps what it frees and spreads it over many arenas, so a
/// process's memory only ever grows. No-ops on other platforms.
public enum Heap {
    /// At most two arenas (glibc's default is up to 8 per core): what one thread frees is
    /// there for the others. At 100,000 items it lowered a full publish's peak by ~60 MB, at no
    /// cost in time. And every block of 1 MB or more in a mapping of its own, returned to the
    /// system when freed: glibc's default threshold rises to the largest block freed, after
    /// which the big arrays and tables of a flush (100,000 entries) come from the heap and
    /// leave it fragmented (measured at 100,000 items: a peak of 243–257 MB, now 233–235 MB,
    /// in no more time). Call once, at start.
    public static func configure() {
        #if canImport(Glibc)
        _ = c_mallopt(-8, 2)  // M_ARENA_MAX
        _ = c_mallopt(-3, 1024 * 1024)  // M_MMAP_THRESHOLD (fixed, so not raised as blocks are freed)
        #endif
    }

    /// Gives the free pages of the heap back to the system (after a phase let go of much).
    public static func releaseFreePages() {
        #if canImport(Glibc)
        _ = c_malloc_trim(0)
        #endif
    }
}
