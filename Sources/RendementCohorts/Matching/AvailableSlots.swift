/// The unused positions of a sorted array, with "nearest unused position to the
/// left / right" in near-constant time: two disjoint-set forests with path
/// compression (Tarjan 1975), so removing a used candidate never makes the
/// search scan over used ones.
struct AvailableSlots {
    private var left: [Int32]   // left[i + 1] -> nearest unused at or left of i, 0 = none
    private var right: [Int32]  // right[i] -> nearest unused at or right of i, count = none
    let count: Int

    init(count: Int) {
        self.count = count
        left = (0...count).map { Int32($0) }
        right = (0...count).map { Int32($0) }
    }

    /// Nearest unused position `<= i`, or nil.
    mutating func unused(atOrLeftOf i: Int) -> Int? {
        let root = find(&left, i + 1)
        return root == 0 ? nil : root - 1
    }

    /// Nearest unused position `>= i`, or nil.
    mutating func unused(atOrRightOf i: Int) -> Int? {
        guard i < count else { return nil }
        let root = find(&right, i)
        return root == count ? nil : root
    }

    /// Marks position `i` used.
    mutating func remove(_ i: Int) {
        left[i + 1] = Int32(i)
        right[i] = Int32(i + 1)
    }

    private func find(_ parent: inout [Int32], _ x: Int) -> Int {
        var root = x
        while Int(parent[root]) != root { root = Int(parent[root]) }
        var node = x
        while Int(parent[node]) != root {
            let next = Int(parent[node])
            parent[node] = Int32(root)
            node = next
        }
        return root
    }
}
