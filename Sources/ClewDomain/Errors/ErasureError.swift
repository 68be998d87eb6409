/// Why a request to erase a person's data (PIPL) was refused.
public enum ErasureError: BilingualError, Equatable {
    /// Name exactly one person: by phone or by email, not both and not neither.
    case needsOnePerson

    public var english: String { "name one person: --phone or --email" }
    public var chinese: String { "请指定一个人：--phone 或 --email 二选一" }
}
