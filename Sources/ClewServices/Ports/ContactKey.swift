import ClewDomain
import Foundation

/// A lead's normalised phone or email (``ClewDomain/Lead/phoneKey``, ``ClewDomain/Lead/emailKey``):
/// what duplicate detection looks a registration up by.
public enum ContactKey: Hashable, Sendable {
    /// A normalised phone number (``ClewDomain/PhoneNumber/normalized``).
    case phone(String)
    /// A normalised email address (``ClewDomain/EmailAddress/normalized``).
    case email(String)

    /// The field a match on this key is reported as (`phone`, `email`).
    public var field: String {
        switch self {
        case .phone: "phone"
        case .email: "email"
        }
    }
}
