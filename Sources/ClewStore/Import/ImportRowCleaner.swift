import ClewDomain
import ClewServices
import Foundation

/// Cleans one import row into a lead's details by the rules of `clew lead add` (issue 5 §3):
/// trimmed cells, full-width digits and letters made half-width, the phone and email
/// normalised; then decides whether the row is rejected, or imported and flagged.
///
/// - Rejected: no customer name; no valid phone and no valid email.
/// - Flagged `invalid_email`: a valid phone and a malformed email (kept aside as a custom field).
/// - Flagged `invalid_phone`: a valid email and a malformed phone (kept aside likewise).
/// - Flagged `fake-phone`: a number that looks made up (`13333333333`, `12345678901`).
/// - Flagged `late-registration`: a capture time (获取时间) more than the process file's
///   `register_within` (2 working hours, seed 004) before the import; a capture time that cannot
///   be read or lies in the future rejects the row, naming the column.
/// - Warned: a company field that cannot be read (`100-499人` as a headcount, a type off the
///   list) is set aside as a custom field under its header, and the rest of the row imported.
enum ImportRowCleaner {
    /// What reading a capture time needs: the moment the import registers its leads, and the
    /// team's working calendar (`register_within` counts working hours).
    struct CaptureClock: Sendable {
        var now: Date
        var calendar: WorkingCalendar

        init(now: Date = Date(), calendar: WorkingCalendar = .standard()) {
            self.now = now
            self.calendar = calendar
        }
    }

    /// A value of a row set aside rather than imported into its field.
    struct SetAside: Sendable, Equatable {
        var field: LeadField
        /// The column's header, as written (the custom field's name).
        var header: String
        var value: String
        var reason: String
    }

    /// A row that will become (or be merged into) a lead.
    struct Accepted {
        var lead: ValidatedLead
        var flags: Set<String>
        /// Custom fields: (column header, value).
        var extras: [(String, String)]
        /// Tag-dimension values from columns named after a dimension (`客户类型` → `客户类型=高潜力`).
        var tags: Set<String> = []
        /// When the lead was captured (the capture-time column), when the row gives it.
        var capturedAt: Date?
        /// Company fields that could not be read, kept as custom fields instead.
        var setAside: [SetAside] = []
    }

    enum Outcome {
        case accepted(Accepted)
        case rejected(String)
    }

    /// - Parameters:
    ///   - process: its pick lists refuse a source or industry outside them (the row goes to the
    ///     rejects file with the reason, so nothing is lost).
    ///   - latestFounded: the latest founding year a company field may give (the current year); an
    ///     unreadable company field rejects the row, naming the field.
    ///   - clock: reads the capture-time column as `clew lead add --captured-at` reads its value.
    static func clean(_ cells: [String], mapping: ImportColumnMapping, process: ProcessDefinition? = nil,
                      latestFounded: Int = CompanyFacts.latestFoundedDefault, clock: CaptureClock = CaptureClock()) -> Outcome {
        var draft = LeadDraft()
        var captured: (header: String, value: String)?
        var companyHeaders: [LeadField: String] = [:]
        var extras: [(String, String)] = []
        var phones: [(header: String, value: String)] = []
        var emails: [(header: String, value: String)] = []
        for (index, column) in mapping.columns.enumerated() {
            let raw = index < cells.count ? cells[index] : ""
            let value = TextNormalization.trimmed(TextNormalization.removingSpreadsheetGuard(raw))
            guard !value.isEmpty else { continue }
            switch column {
            case .ignored: continue
            case .capturedAt: if captured == nil { captured = (mapping.headers[index], value) }
            case let .custom(name): extras.append((name, value))
            case let .field(field):
                switch field {
                case .phone: phones.append((mapping.headers[index], value))
                case .email: emails.append((mapping.headers[index], value))
                default:
                    let text = halfWidthAlphanumerics(value)
                    if draft[field] == nil {
                        draft[field] = text
                        switch field {
                        case .employees, .revenue, .companyType, .founded: companyHeaders[field] = mapping.headers[index]
                        default: break
                        }
                    } else if draft[field] != text {
                        extras.append((mapping.headers[index], text))
                    }
                }
            }
        }
        // Cells past the last header (a row longer than the header) are kept, not dropped.
        if cells.count > mapping.columns.count {
            for index in mapping.columns.count..<cells.count {
                let value = TextNormalization.trimmed(cells[index])
                if !value.isEmpty { extras.append(("column \(index + 1)", value)) }
            }
        }
        guard draft.customer != nil else { return .rejected("missing customer name (客户名称)") }
        var capturedAt: Date?
        var captureFlags: Set<String> = []
        if let captured {
            do {
                capturedAt = try DateExpression.parse(captured.value, now: clock.now, timeZone: clock.calendar.timeZone)
            } catch {
                return .rejected(LeadCaptureError.columnUnreadable(column: captured.header, text: captured.value).description)
            }
            if let capturedAt, capturedAt > clock.now.addingTimeInterval(LeadRegistrationService.captureSkew) {
                return .rejected(LeadCaptureError.columnInFuture(column: captured.header, capturedAt).description)
            }
            if let capturedAt, (process?.screening ?? .standard).isLateRegistration(capturedAt: capturedAt, registeredAt: clock.now, calendar: clock.calendar) {
                captureFlags.insert(LeadFlag.lateRegistration.rawValue)
            }
        }
        // A company field that cannot be read is set aside (kept as a custom field), not the row refused.
        var setAside: [SetAside] = []
        if !companyHeaders.isEmpty {
            for field in LeadField.companyFields {
                guard let header = companyHeaders[field], let value = draft[field] else { continue }
                var probe = LeadDraft()
                probe[field] = value
                do { try probe.normalizeCompanyFields(latestFounded: latestFounded) } catch {
                    draft[field] = nil
                    extras.append((header, value))
                    setAside.append(SetAside(field: field, header: header, value: value, reason: error.description))
                }
            }
        }
        var tags: Set<String> = []
        if let process, process.sourceList != nil || process.industryList != nil {
            do { draft = try process.checkingPickLists(draft) } catch { return .rejected(error.description) }
        }
        // A column named after a tag dimension holds its value: checked, and carried as the tag.
        if let process, !process.tagDimensions.isEmpty {
            var kept: [(String, String)] = []
            for (header, value) in extras {
                guard let dimension = process.tagDimensions.first(where: { LeadFieldHeader.key($0.name) == LeadFieldHeader.key(header) }) else {
                    kept.append((header, value)); continue
                }
                do { tags.insert(try TagDimension.checked(dimension.tag(value), in: process.tagDimensions)) } catch { return .rejected(error.description) }
            }
            extras = kept
        }

        if draft.region == nil, let city = draft.city { draft.region = SalesRegion.region(ofCity: city) }
        // The common case: at most one phone and one email, both valid — validated once.
        if phones.count <= 1 && emails.count <= 1 {
            var simple = draft
            simple.phone = phones.first?.value
            simple.email = emails.first?.value
            if let lead = try? simple.validate(latestFounded: latestFounded) {
                return .accepted(Accepted(lead: lead, flags: captureFlags.union(lead.phone?.looksFake == true ? [LeadFlag.fakePhone.rawValue] : []),
                                          extras: extras, tags: tags, capturedAt: capturedAt, setAside: setAside))
            }
        }

        var flags = captureFlags
        // The first valid phone and email win; other values are kept as custom fields.
        var phoneProblems: [String] = []
        var fakePhone = false
        var chosenPhone: PhoneNumber?
        for (header, value) in phones {
            do {
                let phone = try PhoneNumber(parsing: value)
                if let chosenPhone {
                    if chosenPhone.normalized != phone.normalized { extras.append((header, value)) }
                } else {
                    chosenPhone = phone
                    draft.phone = value
                    if phone.looksFake { flags.insert(LeadFlag.fakePhone.rawValue) }
                }
            } catch {
                phoneProblems.append(error.description)
                let digits = TextNormalization.halfWidth(value).filter { $0.isASCII && $0.isNumber }.count
                if digits >= 7 && PhoneNumber.looksFake(value) { fakePhone = true }
                extras.append(("\(header) (invalid)", value))
            }
        }
        var emailProblems: [String] = []
        var chosenEmail: EmailAddress?
        for (header, value) in emails {
            do {
                let email = try EmailAddress(parsing: value)
                if let chosenEmail {
                    if chosenEmail != email { extras.append((header, value)) }
                } else {
                    chosenEmail = email
                    draft.email = value
                }
            } catch {
                emailProblems.append(error.description)
                extras.append(("\(header) (invalid)", value))
            }
        }
        if chosenPhone == nil && chosenEmail == nil {
            if fakePhone && emails.isEmpty {
                return .rejected("phone looks fake and there is no email: " + phones.map(\.value).joined(separator: ", "))
            }
            let problems = phoneProblems + emailProblems
            return .rejected(problems.isEmpty ? "no phone or email (电话或邮箱)" : "no valid phone or email: " + problems.joined(separator: "; "))
        }
        if chosenEmail == nil && !emailProblems.isEmpty { flags.insert(LeadFlag.invalidEmail.rawValue) }
        if chosenPhone == nil && !phoneProblems.isEmpty { flags.insert(LeadFlag.invalidPhone.rawValue) }
        if fakePhone { flags.insert(LeadFlag.fakePhone.rawValue) }
        do {
            let lead = try draft.validate(latestFounded: latestFounded)
            return .accepted(Accepted(lead: lead, flags: flags, extras: extras, tags: tags, capturedAt: capturedAt, setAside: setAside))
        } catch {
            return .rejected(error.description)
        }
    }

    /// Full-width digits, letters and the ideographic space → ASCII; punctuation is left alone.
    static func halfWidthAlphanumerics(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3000 }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3000: scalars.append(" ")
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
