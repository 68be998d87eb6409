import ClewDomain
import ClewServices
import Foundation

extension LeadService {
    /// An admin corrects the amount a lead was won for (a typo at the win, a renegotiated
    /// contract): the lead and its opportunity change together, audited with the reason
    /// (``ClewServices/LeadClosingService/correctWonAmount(_:to:reason:)`` on this database).
    ///
    /// - Throws: ``PermissionError`` for anyone but an admin; ``ConversionError`` for an amount
    ///   that is not above zero or above ``ClewDomain/Money/limit``; ``ClewDomain/LeadError/notWon(number:status:)``
    ///   for a lead that is not won.
    @discardableResult
    public func correctWonAmount(_ number: String, to amount: Money, reason: String) throws -> Lead {
        try LeadClosingService(context: context, actor: actor).correctWonAmount(number, to: amount, reason: reason)
    }
}
