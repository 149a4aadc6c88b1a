import Testing

/// All portal tests run one after another: each starts a real server process, and the timing
/// tests (latency, throttling) must not compete for the machine's two cores.
@Suite(.serialized)
struct PortalTests {}
