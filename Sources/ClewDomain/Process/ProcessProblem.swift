/// One thing wrong with a ``ProcessDefinition``, located by its place in the definition file.
///
/// ``section`` names the file's table (`stage`, `scoring`, `scoring.dimension.rule`,
/// `assignment`, `pool`, `cadence.step`, `sla`, `keyword`, `trigger`); ``index`` counts
/// entries of an array of tables from 0 in file order (across parents for nested ones);
/// ``key`` is the offending key, when one is.
public struct ProcessProblem: Hashable, Sendable, CustomStringConvertible {
    public var section: String
    public var index: Int?
    public var key: String?
    public var message: String

    public init(section: String, index: Int? = nil, key: String? = nil, message: String) {
        self.section = section
        self.index = index
        self.key = key
        self.message = message
    }

    public var description: String { message }
}
