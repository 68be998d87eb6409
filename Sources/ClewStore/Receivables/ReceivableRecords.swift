import ClewDomain
import ClewServices
import Foundation
