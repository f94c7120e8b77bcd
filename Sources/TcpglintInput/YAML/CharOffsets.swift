// MARK: - Character indexes to byte offsets

/// Maps libyaml's character index to a byte offset: the identity for ASCII files, otherwise a
/// walk from the last position asked for (libyaml's marks mostly move forward, so a whole
/// file costs one pass), or from a checkpoint taken every 64 characters when asked for an
/// earlier one.
struct CharOffsets {
    private let ascii: Bool
    private var checkpoints: [Int] = []
    private let bytes: [UInt8]
    /// The last character index mapped, and its byte offset.
    private var lastChar = 0
    private var lastByte = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        ascii = !bytes.contains { $0 >= 0x80 }
        guard !ascii else { return }
        var chars = 0
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 {
            if chars % 64 == 0 { checkpoints.append(i) }
            chars += 1
        }
    }

    mutating func byteOffset(ofChar index: Int) -> Int {
        if ascii { return min(index, bytes.count) }
        var offset: Int
        var remaining: Int
        if index >= lastChar {
            offset = lastByte
            remaining = index - lastChar
        } else {
            let cp = index / 64
            guard cp < checkpoints.count else { return bytes.count }
            offset = checkpoints[cp]
            remaining = index - cp * 64
        }
        if remaining > 64, index / 64 < checkpoints.count {
            // Far ahead: start from the nearest checkpoint instead.
            offset = checkpoints[index / 64]
            remaining = index - (index / 64) * 64
        }
        while remaining > 0, offset < bytes.count {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        if remaining == 0 {
            lastChar = index
            lastByte = offset
        }
        return offset
    }
}
