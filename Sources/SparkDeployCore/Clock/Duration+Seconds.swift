extension Duration {
    /// This duration in seconds (what call budgets and timeouts count in).
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
