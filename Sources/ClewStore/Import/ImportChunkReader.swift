import ClewServices
import Dispatch

/// Reads an import file a chunk at a time and cleans and scores each chunk's rows, so that
/// ``ImportService`` can prepare the next chunk on another core while the current one commits.
///
/// Used by one thread at a time: the caller waits for a ``Prefetch`` before it asks for the next
/// chunk (hence `@unchecked Sendable`).
final class ImportChunkReader: @unchecked Sendable {
    /// A row of the file with what cleaning made of it.
    typealias Prepared = (record: TabularRecord, outcome: ImportService.PreparedRow)

    private var source: ImportSource
    private var pending: ArraySlice<TabularRecord>
    private let skipThrough: Int
    private let size: Int
    private let writer: ImportService.Writer
    /// Share of the file read so far, 0…1.
    private(set) var fraction = 0.0

    /// - Parameters:
    ///   - pending: records already read (those after the header among the first few).
    ///   - skipThrough: rows up to this one are skipped (committed before a `--resume`).
    init(source: ImportSource, pending: [TabularRecord], skipThrough: Int, size: Int, writer: ImportService.Writer) {
        self.source = source
        self.pending = pending[...]
        self.skipThrough = skipThrough
        self.size = max(size, 1)
        self.writer = writer
    }

    /// The next chunk of non-blank rows, cleaned and scored (empty at the end of the file).
    func next() throws -> [Prepared] {
        var chunk: [Prepared] = []
        chunk.reserveCapacity(size)
        while chunk.count < size {
            let record: TabularRecord
            if let first = pending.popFirst() {
                record = first
            } else if let next = try source.records.next() {
                record = next
            } else {
                break
            }
            if !record.isBlank && record.row > skipThrough { chunk.append((record, writer.prepare(record))) }
        }
        fraction = source.records.fractionRead
        return chunk
    }

    /// Starts reading the next chunk on another thread.
    func prefetch() -> Prefetch { Prefetch(self) }

    /// A chunk being read on another thread.
    final class Prefetch: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<[Prepared], any Error> = .success([])

        init(_ reader: ImportChunkReader) {
            DispatchQueue.global(qos: .userInitiated).async {
                self.result = Result { try reader.next() }
                self.done.signal()
            }
        }

        /// Waits for the chunk.
        func wait() throws -> [Prepared] {
            done.wait()
            return try result.get()
        }
    }
}
