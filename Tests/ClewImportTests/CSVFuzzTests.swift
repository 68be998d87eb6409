import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// Thousands of random and mutated inputs through the decoder and the CSV reader: each either
/// yields records or throws an ``ImportFileError`` — never a crash, a hang or another error.
@Suite("CSV fuzzing")
struct CSVFuzzTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed by seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [[UInt8]] = [",", "\"", "\r", "\n", "\r\n", "a", "1", " ", "\t", "恒", "通", "\u{1B}[31m", "０", "\u{0}"]
        .map { Array($0.utf8) } + [[0xFF], [0xC3], [0x81, 0x30], [0xEF, 0xBB, 0xBF]]

    static let seedCorpus = [
        "客户名称,联系人,电话\r\n\"恒通, 杭州\",王伟,138 0013 8000\r\n",
        "a,\"b\"\"c\",\"d\ne\"\n1,2,3",
        "\"unclosed,1\n2,3",
        "x\ry\r\"z\"\r",
    ]

    @Test(arguments: 0..<4)
    func randomAndMutatedInputsNeverCrash(block: Int) throws {
        var rng = Generator(state: UInt64(block) &* 1_000_003 &+ 17)
        var parsed = 0
        var refused = 0
        for _ in 0..<1_500 {
            var bytes: [UInt8]
            if Bool.random(using: &rng) {
                bytes = []
                for _ in 0..<Int.random(in: 0...200, using: &rng) { bytes += Self.alphabet.randomElement(using: &rng) ?? [] }
            } else {
                bytes = Array((Self.seedCorpus.randomElement(using: &rng) ?? "").utf8)
                for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0...3, using: &rng) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(contentsOf: Self.alphabet.randomElement(using: &rng) ?? [], at: at)
                    case 2: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                    default: bytes += bytes[at...].prefix(20)
                    }
                }
            }
            do {
                let (decoded, _) = try TextFileDecoder.decode(Data(bytes), file: "f.csv")
                var reader = CSVRecordReader(bytes: decoded, file: "f.csv", cellLimit: 64)
                var lastLine = 0
                var count = 0
                while let record = try reader.next() {
                    #expect(record.line > lastLine, "lines go forward")
                    #expect(!record.cells.isEmpty)
                    lastLine = record.line
                    count += 1
                    #expect(count <= decoded.count + 1, "at most one record per byte")
                }
                parsed += 1
            } catch {
                // Typed throws: only an ImportFileError can arrive here.
                _ = error.description
                refused += 1
            }
        }
        #expect(parsed + refused == 1_500)
        #expect(parsed > 100 && refused > 10)
    }

    @Test func writtenCellsReadBackExactly() throws {
        var rng = Generator(state: 42)
        let pieces = ["a", "恒通", ",", "\"", "\n", "\r\n", " ", "x\u{1B}[0m", "１３８"]
        for _ in 0..<300 {
            let cells = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
            }
            let line = cells.map(CSVWriter.quoted).joined(separator: ",") + "\r\n"
            var reader = CSVRecordReader(bytes: Array(line.utf8), file: "w.csv")
            let record = try reader.next()
            #expect(record?.cells == cells, "\(cells)")
        }
    }
}
