#include "json_input.h"

#include <algorithm>
#include <vector>

#include "json_document_builder.h"
#include "json_fields.h"
#include "messages.h"

namespace settle::detail {
namespace {

// A JSON number's value as its significant digits: 0.<digits> × 10^point, without the zeros
// before the first and after the last significant digit (none at all for zero), the exponent
// taken in (saturated: a text of up to 1 MiB has at most a million digits).
struct SignificantDigits {
  bool negative = false;
  std::string digits;
  int64_t point = 0;
};
SignificantDigits significant_digits(std::string_view number) {
  SignificantDigits value;
  value.negative = !number.empty() && number[0] == '-';
  const size_t e = std::min(number.find_first_of("eE"), number.size());
  int64_t exponent = 0;
  if (e < number.size()) {
    size_t i = e + 1;
    const bool exponent_negative = i < number.size() && number[i] == '-';
    if (i < number.size() && (number[i] == '+' || number[i] == '-')) ++i;
    for (; i < number.size(); ++i) exponent = std::min<int64_t>(exponent * 10 + (number[i] - '0'), 1'000'000'000);
    if (exponent_negative) exponent = -exponent;
  }
  int64_t point = -1;
  for (size_t d = value.negative ? 1 : 0; d < e; ++d) {
    if (number[d] == '.') {
      point = static_cast<int64_t>(value.digits.size());
    } else {
      value.digits += number[d];
    }
  }
  if (point < 0) point = static_cast<int64_t>(value.digits.size());
  const size_t first = value.digits.find_first_not_of('0');
  if (first == std::string::npos) {
    value.digits.clear();
    return value;
  }
  value.digits.erase(0, first);
  value.digits.erase(value.digits.find_last_not_of('0') + 1);
  value.point = point - static_cast<int64_t>(first) + exponent;
  return value;
}

// The bytes a JSON string holds as they are (not a quote, backslash, control or non-ASCII byte),
// told with one look each.
struct PlainBytes {
  bool byte[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x80; ++c) byte[c] = c != '"' && c != '\\';
  }
};
constexpr PlainBytes kPlain{};

// Reads JSON text (RFC 8259) and feeds a DocumentBuilder the events nlohmann's SAX parser would,
// in the same order, and stops at the same first error with the same byte position, so that what
// is accepted and every message stay as they were when nlohmann's parser read the cases (its
// lexer, parser and the C library's strtod and printf were a fifth of settle.wasm; issue 18).
// The position of an error is nlohmann's count of bytes read: through the byte where the error
// shows (the end of the input counting as one more byte), or, where a well-formed token may not
// stand, to the end of that token. tests/core/json_reader_test.cpp compares the two readers.
class Reader {
 public:
  Reader(std::string_view text, DocumentBuilder& builder)
      : begin_(text.data()), at_(begin_), end_(begin_ + text.size()), builder_(builder) {}

  bool read() {
    if (!skip_bom() || !value(scan())) return false;
    return scan() == Token::end_of_input || unexpected();
  }

 private:
  enum class Token {
    begin_object,
    end_object,
    begin_array,
    end_array,
    name_separator,
    value_separator,
    string,
    literal_true,
    literal_false,
    literal_null,
    number,
    end_of_input,
    error,  // reported already
  };

  // An error found on reading the byte at `at` (`end_` for the end of the input).
  bool failed_at(const char* at) {
    builder_.not_json(static_cast<size_t>(at - begin_) + 1);
    return false;
  }
  Token error_at(const char* at) {
    failed_at(at);
    return Token::error;
  }
  // A well-formed token where it may not stand: the position is the end of that token.
  bool unexpected() {
    if (token_ == Token::error) return false;
    const size_t position =
        token_ == Token::end_of_input ? static_cast<size_t>(end_ - begin_) + 1 : static_cast<size_t>(at_ - begin_);
    builder_.not_json(position);
    return false;
  }

  // A UTF-8 byte order mark may open the input.
  bool skip_bom() {
    if (at_ == end_ || static_cast<unsigned char>(*at_) != 0xEF) return true;
    for (const char expected : {'\xBB', '\xBF'}) {
      ++at_;
      if (at_ == end_ || *at_ != expected) return failed_at(at_);
    }
    ++at_;
    return true;
  }

  Token scan() { return token_ = next_token(); }
  Token next_token() {
    while (at_ < end_ && (*at_ == ' ' || *at_ == '\t' || *at_ == '\n' || *at_ == '\r')) ++at_;
    if (at_ == end_) return Token::end_of_input;
    switch (*at_++) {
      case '{': return Token::begin_object;
      case '}': return Token::end_object;
      case '[': return Token::begin_array;
      case ']': return Token::end_array;
      case ':': return Token::name_separator;
      case ',': return Token::value_separator;
      case 't': return literal("rue", Token::literal_true);
      case 'f': return literal("alse", Token::literal_false);
      case 'n': return literal("ull", Token::literal_null);
      case '"': return string();
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9': return number(at_ - 1);
      default: return error_at(at_ - 1);  // read_json has refused a NUL byte already
    }
  }

  // The current token is a value's first: the value is read and handed to the builder.
  bool value(Token token) {
    switch (token) {
      case Token::begin_object: return object();
      case Token::begin_array: return array();
      case Token::string: return builder_.string(text_);
      case Token::literal_true: return builder_.boolean(true);
      case Token::literal_false: return builder_.boolean(false);
      case Token::literal_null: return builder_.null();
      case Token::number: return number_value();
      default: return unexpected();
    }
  }
  bool object() {
    if (!builder_.start_object()) return false;
    if (scan() == Token::end_object) return builder_.end_object();
    while (true) {
      if (token_ != Token::string) return unexpected();
      if (!builder_.key(text_)) return false;
      if (scan() != Token::name_separator) return unexpected();
      if (!value(scan())) return false;
      if (scan() == Token::end_object) return builder_.end_object();
      if (token_ != Token::value_separator) return unexpected();
      scan();
    }
  }
  bool array() {
    if (!builder_.start_array()) return false;
    if (scan() == Token::end_array) return builder_.end_array();
    while (true) {
      if (!value(token_)) return false;
      if (scan() == Token::end_array) return builder_.end_array();
      if (token_ != Token::value_separator) return unexpected();
      scan();
    }
  }

  Token literal(std::string_view rest, Token token) {
    for (const char expected : rest) {
      if (at_ == end_ || *at_ != expected) return error_at(at_);
      ++at_;
    }
    return token;
  }

  // The bytes after a UTF-8 lead byte, each in its [low, high] (nlohmann's lexer, scan_string).
  bool continued(std::initializer_list<std::pair<unsigned char, unsigned char>> ranges) {
    for (const auto& [low, high] : ranges) {
      ++at_;
      if (at_ == end_ || static_cast<unsigned char>(*at_) < low || static_cast<unsigned char>(*at_) > high)
        return failed_at(at_);
    }
    ++at_;
    return true;
  }
  // One UTF-8 character of a string, copied as it is.
  bool character() {
    const auto c = static_cast<unsigned char>(*at_);
    const char* start = at_;
    bool ok = true;
    if (c < 0x80) {
      ++at_;
    } else if (c >= 0xC2 && c <= 0xDF) {
      ok = continued({{0x80, 0xBF}});
    } else if (c == 0xE0) {
      ok = continued({{0xA0, 0xBF}, {0x80, 0xBF}});
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      ok = continued({{0x80, 0xBF}, {0x80, 0xBF}});
    } else if (c == 0xED) {
      ok = continued({{0x80, 0x9F}, {0x80, 0xBF}});
    } else if (c == 0xF0) {
      ok = continued({{0x90, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}});
    } else if (c >= 0xF1 && c <= 0xF3) {
      ok = continued({{0x80, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}});
    } else if (c == 0xF4) {
      ok = continued({{0x80, 0x8F}, {0x80, 0xBF}, {0x80, 0xBF}});
    } else {
      ok = failed_at(at_);
    }
    if (ok) text_.append(start, at_);
    return ok;
  }
  // Four hex digits after "\u"; -1 if a byte is not one (the error is reported).
  int hex4() {
    int code = 0;
    for (int i = 0; i < 4; ++i, ++at_) {
      const char c = at_ == end_ ? '\0' : *at_;
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                               : -1;
      if (digit < 0) {
        failed_at(at_);
        return -1;
      }
      code = code * 16 + digit;
    }
    return code;
  }
  void append_utf8(uint32_t code) {
    if (code < 0x80) {
      text_ += static_cast<char>(code);
    } else if (code < 0x800) {
      text_ += static_cast<char>(0xC0 | (code >> 6));
      text_ += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      text_ += static_cast<char>(0xE0 | (code >> 12));
      text_ += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      text_ += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      text_ += static_cast<char>(0xF0 | (code >> 18));
      text_ += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      text_ += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      text_ += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
  // After "\u": a code point, or a surrogate pair "\uD83D\uDE00", as UTF-8.
  bool unicode_escape() {
    const int high = hex4();
    if (high < 0) return false;
    uint32_t code = static_cast<uint32_t>(high);
    if (high >= 0xDC00 && high <= 0xDFFF) return failed_at(at_ - 1);
    if (high >= 0xD800 && high <= 0xDBFF) {
      for (const char expected : {'\\', 'u'}) {
        if (at_ == end_ || *at_ != expected) return failed_at(at_);
        ++at_;
      }
      const int low = hex4();
      if (low < 0) return false;
      if (low < 0xDC00 || low > 0xDFFF) return failed_at(at_ - 1);
      code = ((code - 0xD800) << 10) + static_cast<uint32_t>(low - 0xDC00) + 0x10000;
    }
    append_utf8(code);
    return true;
  }
  bool escape() {
    if (at_ == end_) return failed_at(at_);
    const char c = *at_++;
    switch (c) {
      case '"':
      case '\\':
      case '/': text_ += c; return true;
      case 'b': text_ += '\b'; return true;
      case 'f': text_ += '\f'; return true;
      case 'n': text_ += '\n'; return true;
      case 'r': text_ += '\r'; return true;
      case 't': text_ += '\t'; return true;
      case 'u': return unicode_escape();
      default: return failed_at(at_ - 1);
    }
  }
  // After the opening quote: the string's text, in text_.
  Token string() {
    text_.clear();
    while (true) {
      if (at_ == end_) return error_at(at_);
      const char* plain = at_;  // a run without quote, backslash, control or non-ASCII bytes
      while (at_ < end_ && kPlain.byte[static_cast<unsigned char>(*at_)]) ++at_;
      text_.append(plain, at_);
      if (at_ == end_) return error_at(at_);
      const auto c = static_cast<unsigned char>(*at_);
      if (c == '"') {
        ++at_;
        return Token::string;
      }
      if (c < 0x20) return error_at(at_);
      if (c == '\\') {
        ++at_;
        if (!escape()) return Token::error;
      } else if (!character()) {
        return Token::error;
      }
    }
  }

  static bool digit(const char* at, const char* end) { return at < end && *at >= '0' && *at <= '9'; }
  // A number from `start` (its first byte read): its text in number_; an error at the first byte
  // that does not fit the grammar where a digit must come.
  Token number(const char* start) {
    at_ = start;
    negative_ = *at_ == '-';
    if (negative_ && !digit(++at_, end_)) return error_at(at_);
    if (*at_ == '0') {
      ++at_;
    } else {
      while (digit(at_, end_)) ++at_;
    }
    integer_end_ = at_;
    exponent_ = false;
    if (at_ < end_ && *at_ == '.') {
      if (!digit(++at_, end_)) return error_at(at_);
      while (digit(at_, end_)) ++at_;
    }
    if (at_ < end_ && (*at_ == 'e' || *at_ == 'E')) {
      exponent_ = true;
      ++at_;
      if (at_ < end_ && (*at_ == '+' || *at_ == '-')) {
        if (!digit(++at_, end_)) return error_at(at_);
      } else if (!digit(at_, end_)) {
        return error_at(at_);
      }
      while (digit(at_, end_)) ++at_;
    }
    number_ = std::string_view(start, static_cast<size_t>(at_ - start));
    return Token::number;
  }
  // The number in number_: an integer that fits 64 bits as one, anything else as its text (a
  // decimal); beyond what binary floating point holds, refused as too large.
  bool number_value() {
    if (integer_end_ == at_) {
      const char* digits = number_.data() + (negative_ ? 1 : 0);
      const char* digits_end = number_.data() + number_.size();
      uint64_t magnitude = 0;
      bool fits = true;
      for (const char* d = digits; d < digits_end && fits; ++d) {
        const auto next = static_cast<uint64_t>(*d - '0');
        fits = magnitude <= (UINT64_MAX - next) / 10;
        magnitude = magnitude * 10 + next;
      }
      if (fits && !negative_) return builder_.number_unsigned(magnitude);
      if (fits && magnitude <= static_cast<uint64_t>(INT64_MAX) + 1)
        return builder_.number_integer(magnitude == 0 ? 0 : -static_cast<int64_t>(magnitude - 1) - 1);
    }
    if (beyond_binary64()) return builder_.number_too_large();
    return builder_.decimal(number_);
  }
  // Whether a JSON number's value is beyond binary floating point, as nlohmann's parser refused
  // it (strtod rounding it to infinity): |value| >= 2^1024 - 2^970, halfway between the largest
  // finite binary64 value and 2^1024. Decided on the digits alone; nothing here is floating point.
  bool beyond_binary64() const {
    static constexpr std::string_view kHalfwayToInfinity =  // 2^1024 - 2^970, 309 digits
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587"
        "207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711"
        "531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093"
        "042880177904174497792";
    const auto limit = static_cast<int64_t>(kHalfwayToInfinity.size());
    // Without an exponent, fewer integer digits than the limit has is below it (every amount).
    const auto integer_digits = integer_end_ - number_.data() - (negative_ ? 1 : 0);
    if (!exponent_ && integer_digits < limit) return false;
    const SignificantDigits value = significant_digits(number_);
    if (value.digits.empty()) return false;                // zero
    if (value.point != limit) return value.point > limit;  // the count of integer digits
    return std::string_view(value.digits) >= kHalfwayToInfinity;
  }

  const char* const begin_;
  const char* at_;
  const char* const end_;
  DocumentBuilder& builder_;
  Token token_ = Token::end_of_input;  // the last token read
  std::string text_;                   // a string token's text
  std::string_view number_;            // a number token's text, in the input
  bool negative_ = false;              // the number token's sign
  bool exponent_ = false;              // whether it has one
  const char* integer_end_ = nullptr;  // where the number token's integer part ends
};

// A JSON number in exponent form ("1E5", "1.5e-1", "1e008") as plain decimal text ("100000",
// "0.15", "100000000"), so that it reads like any other amount; zeros before the first and after
// the last significant digit are dropped, and any zero reads "0" (minus zero too). A value with
// more than 20 integer digits is written as 21 of them, and one below 10^-20 as that many
// decimals and its digits: refused as too large, or as too many decimals, like any such amount.
std::string without_exponent(const std::string& number) {
  const SignificantDigits value = significant_digits(number);
  if (value.digits.empty()) return "0";
  const int64_t point = std::clamp<int64_t>(value.point, -20, 21);
  const std::string& digits = value.digits;
  const auto length = static_cast<int64_t>(digits.size());
  std::string plain;
  if (point <= 0) {
    plain = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= length) {
    plain = digits + std::string(static_cast<size_t>(point - length), '0');
  } else {
    plain = digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  }
  return (value.negative ? "-" : "") + plain;
}

}  // namespace

Result<Json> read_json(std::string_view text, const InputLimits& limits) {
  if (text.size() > limits.max_bytes) return error_at("", messages::too_large(limits.max_bytes));
  // A NUL byte is never part of JSON text; nlohmann's parser took one for the end of the input.
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) return error_at("", messages::nul_byte(nul + 1));
  if (text.find_first_not_of(" \t\n\r") == std::string_view::npos) return error_at("", messages::empty_input());
  DocumentBuilder builder(limits.max_depth);
  if (!Reader(text, builder).read()) return error_at(builder.error_path(), builder.problem().error());
  return std::move(builder.document());
}

Result<Fen> read_money(const Json& value, const std::string& path) {
  if (value.is_unsigned()) {
    const uint64_t yuan = value.unsigned_value();
    if (yuan > static_cast<uint64_t>(kMaxAmount.fen() / 100)) return error_at(path, messages::amount_too_large());
    return Fen::yuan(static_cast<int64_t>(yuan));
  }
  if (value.is_signed()) {
    if (value.signed_value() == 0) return Fen();  // -0
    return error_at(path, messages::amount_negative());
  }
  if (!value.is_decimal() && !value.is_string()) return error_at(path, messages::amount_wrong_type());
  const std::string& text = value.text();
  // Only a number in exponent form is rewritten (without_exponent); any other is read as it is.
  const bool exponent = value.is_decimal() && text.find_first_of("eE") != std::string::npos;
  Result<Fen> amount = exponent ? parse_yuan(without_exponent(text)) : parse_yuan(text);
  if (!amount.ok()) return error_at(path, amount.error());
  return amount;
}

}  // namespace settle::detail
