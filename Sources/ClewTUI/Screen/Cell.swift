/// One cell of a ``CellGrid``: a character and how it looks.
///
/// A wide character (CJK, emoji) sits in its first cell; the cell to its right is a
/// *continuation* cell that holds no character of its own.
public struct Cell: Hashable, Sendable {
    /// The character shown in this cell (a space when blank; unused for continuation cells).
    public var character: Character
    /// Colours and attributes.
    public var attributes: TextAttributes
    /// True for the right half of a wide character.
    public var isContinuation: Bool

    /// Creates a cell.
    public init(character: Character = " ", attributes: TextAttributes = .plain, isContinuation: Bool = false) {
        self.character = character
        self.attributes = attributes
        self.isContinuation = isContinuation
    }

    /// A blank cell: a space in the terminal's default colours.
    public static let blank = Cell()
}
