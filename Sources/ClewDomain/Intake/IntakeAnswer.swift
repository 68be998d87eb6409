/// What became of a lead post, as the store reports it.
public enum IntakeOutcome: Hashable, Sendable {
    /// A new lead.
    case created(LeadNumber)
    /// The details went into the open lead with the same phone or email.
    case merged(LeadNumber)
    /// The phone or email belongs to an open lead the intake's user may not see: nothing was
    /// registered, that lead's supervisor was told (``DuplicatePolicy``).
    case referred
    /// The honeypot was filled: nothing kept.
    case discarded
}

/// The answer a post gets — the one place that decides what an intake answer may reveal.
///
/// A public token (it sits in a web page, anyone can post with it) gets one answer whatever
/// happened: `201 {"status":"received"}`, or `303` to the thank-you page, never a number and
/// never "merged" — otherwise posting someone's phone would tell whether they are already a
/// lead. A private token (a shop platform, a bridge on the company's own servers) is told the
/// number and whether the details were merged.
///
/// ```swift
/// IntakeAnswer.decide(.merged(number), publicToken: true, redirect: nil)   // .received
/// IntakeAnswer.decide(.merged(number), publicToken: false, redirect: nil)  // .merged(number)
/// ```
public enum IntakeAnswer: Hashable, Sendable {
    /// `201`, the number.
    case created(LeadNumber)
    /// `200`, the number, `merged: true`.
    case merged(LeadNumber)
    /// `202`: referred to the supervisor of a lead this intake may not see (private tokens).
    case referred
    /// `201` without a number (public tokens, and spam).
    case received
    /// `303` to the thank-you page.
    case seeOther(String)

    /// The answer to `outcome` for a public or private token, with or without `redirect=`.
    public static func decide(_ outcome: IntakeOutcome, publicToken: Bool, redirect: String?) -> IntakeAnswer {
        if let redirect { return .seeOther(redirect) }
        if publicToken { return .received }
        switch outcome {
        case let .created(number): return .created(number)
        case let .merged(number): return .merged(number)
        case .referred: return .referred
        case .discarded: return .received
        }
    }

    /// The HTTP status code.
    public var statusCode: Int {
        switch self {
        case .created, .received: 201
        case .merged: 200
        case .referred: 202
        case .seeOther: 303
        }
    }
}

extension IntakeAnswer {
    /// What an `Idempotency-Key`'s stored answer keeps: the status, the number and the address.
    public var stored: (status: Int, number: String?, location: String?) {
        switch self {
        case let .created(number), let .merged(number): (statusCode, number.description, nil)
        case .referred, .received: (statusCode, nil, nil)
        case let .seeOther(location): (statusCode, nil, location)
        }
    }

    /// The answer ``stored`` kept (nil for a row no answer could have left).
    public init?(status: Int, number: String?, location: String?) {
        switch (status, number.flatMap(LeadNumber.init), location) {
        case let (201, number?, _): self = .created(number)
        case let (200, number?, _): self = .merged(number)
        case (202, _, _): self = .referred
        case (201, nil, _): self = .received
        case let (303, _, location?): self = .seeOther(location)
        default: return nil
        }
    }
}
