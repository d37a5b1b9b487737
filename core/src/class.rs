//! The six response classes of RFC 3261 §7.2, fixed by the protocol (a spec cannot add one).

use core::fmt;

/// The class of a SIP response, given by the first digit of its code (RFC 3261 §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusClass {
    /// 1xx: request received, continuing to process the request.
    Provisional,
    /// 2xx: the action was successfully received, understood, and accepted.
    Success,
    /// 3xx: further action needs to be taken in order to complete the request.
    Redirection,
    /// 4xx: the request contains bad syntax or cannot be fulfilled at this server.
    RequestFailure,
    /// 5xx: the server failed to fulfill an apparently valid request.
    ServerFailure,
    /// 6xx: the request cannot be fulfilled at any server.
    GlobalFailure,
}

impl StatusClass {
    /// Every class, in code order.
    pub const ALL: [StatusClass; 6] = [
        StatusClass::Provisional,
        StatusClass::Success,
        StatusClass::Redirection,
        StatusClass::RequestFailure,
        StatusClass::ServerFailure,
        StatusClass::GlobalFailure,
    ];

    /// The class of a code, or `None` outside 100–699.
    ///
    /// ```
    /// use sip_codes::StatusClass;
    /// assert_eq!(StatusClass::of(486), Some(StatusClass::RequestFailure));
    /// assert_eq!(StatusClass::of(700), None);
    /// ```
    pub const fn of(code: u16) -> Option<StatusClass> {
        Some(match code {
            100..=199 => StatusClass::Provisional,
            200..=299 => StatusClass::Success,
            300..=399 => StatusClass::Redirection,
            400..=499 => StatusClass::RequestFailure,
            500..=599 => StatusClass::ServerFailure,
            600..=699 => StatusClass::GlobalFailure,
            _ => return None,
        })
    }

    /// The x00 code of the class (100, 200, … 600): what RFC 3261 §8.1.3.2 maps an unknown final code to.
    pub const fn base_code(self) -> u16 {
        match self {
            StatusClass::Provisional => 100,
            StatusClass::Success => 200,
            StatusClass::Redirection => 300,
            StatusClass::RequestFailure => 400,
            StatusClass::ServerFailure => 500,
            StatusClass::GlobalFailure => 600,
        }
    }

    /// Whether responses of this class are final (every class but 1xx).
    pub const fn is_final(self) -> bool {
        !matches!(self, StatusClass::Provisional)
    }

    /// The name RFC 3261 §7.2 gives the class (`"Request Failure"`).
    pub const fn name(self) -> &'static str {
        match self {
            StatusClass::Provisional => "Provisional",
            StatusClass::Success => "Success",
            StatusClass::Redirection => "Redirection",
            StatusClass::RequestFailure => "Request Failure",
            StatusClass::ServerFailure => "Server Failure",
            StatusClass::GlobalFailure => "Global Failure",
        }
    }
}

/// Writes the class as `4xx Request Failure`.
impl fmt::Display for StatusClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}xx {}", self.base_code() / 100, self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert_eq!(StatusClass::of(99), None);
        assert_eq!(StatusClass::of(100), Some(StatusClass::Provisional));
        assert_eq!(StatusClass::of(199), Some(StatusClass::Provisional));
        assert_eq!(StatusClass::of(200), Some(StatusClass::Success));
        assert_eq!(StatusClass::of(699), Some(StatusClass::GlobalFailure));
        assert_eq!(StatusClass::of(700), None);
        for class in StatusClass::ALL {
            assert_eq!(StatusClass::of(class.base_code()), Some(class));
            assert_eq!(StatusClass::of(class.base_code() + 99), Some(class));
        }
    }

    #[test]
    fn display() {
        assert_eq!(
            StatusClass::RequestFailure.to_string(),
            "4xx Request Failure"
        );
        assert_eq!(StatusClass::Provisional.to_string(), "1xx Provisional");
    }
}
