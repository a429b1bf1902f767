//! The one error of an operation: what went wrong as a message, and whether the user's input
//! was at fault (the command line exits 2 then, 1 otherwise).

use crate::message::Message;

#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub input: bool,
    pub message: Message,
}

impl Error {
    /// The user asked for something that cannot be: a bad name, an unknown account.
    pub fn input(message: Message) -> Error {
        Error {
            input: true,
            message,
        }
    }

    /// Something failed while doing what was asked.
    pub fn failed(message: Message) -> Error {
        Error {
            input: false,
            message,
        }
    }
}
