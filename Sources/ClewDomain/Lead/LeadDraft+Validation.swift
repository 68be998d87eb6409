// MARK: - Validation

/// A draft that passed validation: trimmed text, parsed contact methods, and the status the lead
/// starts in.
public struct ValidatedLead: Hashable, Sendable {
    /// The cleaned fields (trimmed, blank → nil; the phone in display form, the email normalised).
    public var fields: LeadDraft
    /// The parsed phone number, if one was given.
    public var phone: PhoneNumber?
    /// The parsed email address, if one was given.
    public var email: EmailAddress?
    /// Fields still missing before the lead can be screened.
    public var missingForScreening: [LeadField]

    /// `screening` when the details are complete, otherwise `new`.
    public var initialStatus: LeadStatus { missingForScreening.isEmpty ? .screening : .new }
}

/// Why a lead's details were refused.
public enum LeadValidationError: UserFacingError, Equatable {
    /// Required fields are blank.
    case missing([LeadField])
    /// Neither a phone nor an email was given.
    case noContactMethod
    /// The phone could not be understood.
    case invalidPhone(PhoneNumberError)
    /// The email could not be understood.
    case invalidEmail(EmailAddressError)
    /// A company field (employees, revenue, company type, founded) could not be understood.
    case invalidCompanyField(CompanyFieldError)

    public var description: String {
        switch self {
        case let .missing(fields):
            let names = fields.map { "\($0) (\($0.chineseName))" }.joined(separator: ", ")
            return "missing required field\(fields.count == 1 ? "" : "s"): \(names)"
        case .noContactMethod: return "a lead needs a phone or an email (电话或邮箱)"
        case let .invalidPhone(error): return error.description
        case let .invalidEmail(error): return error.description
        case let .invalidCompanyField(error): return error.description
        }
    }
}

extension LeadDraft {
    /// The draft with every field trimmed and half-width normalised where it matters; blank
    /// fields become nil.
    public var cleaned: LeadDraft {
        var copy = LeadDraft()
        for field in LeadField.allCases {
            guard let raw = self[field] else { continue }
            let text = TextNormalization.trimmed(field == .phone || field == .email ? TextNormalization.halfWidth(raw) : raw)
            copy[field] = text.isEmpty ? nil : text
        }
        return copy
    }

    /// Validates the draft for registration: a customer name and a valid phone or email are
    /// required; an invalid phone or email is an error even when the other one is valid. The
    /// company fields are kept in one spelling each (``CompanyFacts``).
    ///
    /// - Parameter latestFounded: the latest founding year accepted (the current year).
    /// - Throws: ``LeadValidationError``.
    public func validate(latestFounded: Int = CompanyFacts.latestFoundedDefault) throws(LeadValidationError) -> ValidatedLead {
        var fields = cleaned
        do { try fields.normalizeCompanyFields(latestFounded: latestFounded) } catch { throw .invalidCompanyField(error) }
        if fields.customer == nil { throw .missing([.customer]) }
        var phone: PhoneNumber?
        var email: EmailAddress?
        if let raw = fields.phone {
            do { phone = try PhoneNumber(parsing: raw) } catch { throw .invalidPhone(error) }
            fields.phone = phone?.display
        }
        if let raw = fields.email {
            do { email = try EmailAddress(parsing: raw) } catch { throw .invalidEmail(error) }
            fields.email = email?.normalized
        }
        if phone == nil && email == nil { throw .noContactMethod }
        let missing = LeadField.requiredForScreening.filter { fields[$0] == nil }
        return ValidatedLead(fields: fields, phone: phone, email: email, missingForScreening: missing)
    }
}

extension LeadDraft {
    /// Rewrites the company fields in their kept spelling (``CompanyFacts``).
    ///
    /// - Throws: ``CompanyFieldError`` for the first one that cannot be read.
    public mutating func normalizeCompanyFields(latestFounded: Int = CompanyFacts.latestFoundedDefault) throws(CompanyFieldError) {
        if let text = employees { employees = String(try CompanyFacts.employees(text)) }
        if let text = revenue { revenue = try CompanyFacts.revenue(text).description }
        if let text = companyType { companyType = try CompanyFacts.companyType(text).chineseName }
        if let text = founded { founded = String(try CompanyFacts.founded(text, latest: latestFounded)) }
        if let text = decisionChain { decisionChain = CompanyFacts.decisionChain(text) }
    }
}
