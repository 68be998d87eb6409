import Foundation

/// The language of an intake answer's messages, from the request's `Accept-Language`.
///
/// ```swift
/// IntakeLanguage.preferred("zh-CN,zh;q=0.9,en;q=0.8")   // .zh
/// IntakeLanguage.preferred("en-US,en;q=0.9")            // .en
/// IntakeLanguage.preferred(nil)                         // .en
/// ```
public enum IntakeLanguage {
    /// Chinese or English, whichever the header ranks higher (English when it names neither).
    public static func preferred(_ acceptLanguage: String?) -> ContactLanguage {
        guard let header = acceptLanguage else { return .en }
        var best: (language: ContactLanguage, quality: Double)?
        for item in header.split(separator: ",").prefix(32) {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let language: ContactLanguage
            if tag == "zh" || tag.hasPrefix("zh-") { language = .zh } else if tag == "en" || tag.hasPrefix("en-") { language = .en } else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)).map { min(1, max(0, $0)) } ?? 0
            }
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language ?? .en
    }
}
