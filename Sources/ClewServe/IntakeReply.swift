import ClewDomain
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON answers of the intake server. Every text they carry is stripped of control and
/// escape characters (it may quote what was posted).
enum IntakeReply {
    static let unprocessable = HTTPResponse.Status(code: 422, reasonPhrase: "Unprocessable Content")

    /// A JSON answer with `status`.
    static func json(_ status: HTTPResponse.Status, _ object: [String: any Sendable], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        let data = (try? JSONSerialization.data(withJSONObject: sanitized(object), options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `{"error": code, "message": …}`.
    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) -> Response {
        json(status, ["error": code, "message": message], headers: headers)
    }

    /// 422 with one entry per field, in `language`.
    static func invalid(_ problems: [IntakeFieldProblem], language: ContactLanguage) -> Response {
        let fields: [[String: String]] = problems.map { ["field": $0.field, "message": $0.message(in: language)] }
        let message = language == .zh ? "请检查所填内容" : "some fields need correcting"
        return json(unprocessable, ["error": "invalid", "message": message, "fields": fields])
    }

    /// The answer to a lead post, as ``ClewDomain/IntakeAnswer`` decided it.
    static func answer(_ answer: IntakeAnswer) -> Response {
        let status = HTTPResponse.Status(code: answer.statusCode)
        switch answer {
        case let .created(number): return json(status, ["status": "created", "lead": number.description])
        case let .merged(number): return json(status, ["status": "merged", "lead": number.description, "merged": true])
        case .referred: return json(status, ["status": "referred"])
        case .received: return json(status, ["status": "received"])
        case let .seeOther(location):
            var headers = HTTPFields()
            headers[.location] = location
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .seeOther, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "See \(location)\n")))
        }
    }

    private static func sanitized(_ value: Any) -> Any {
        switch value {
        case let text as String: return TextNormalization.terminalSafe(text)
        case let object as [String: any Sendable]: return object.mapValues(sanitized)
        case let list as [[String: String]]: return list.map { $0.mapValues { TextNormalization.terminalSafe($0) } }
        case let list as [String]: return list.map { TextNormalization.terminalSafe($0) }
        default: return value
        }
    }
}
