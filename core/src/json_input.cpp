#include "json_input.h"

#include <algorithm>
#include <vector>

#include "json_fields.h"
#include "messages.h"

namespace settle::detail {
namespace {

// Builds the document; rejects duplicate keys and nesting beyond the limit. A key is inserted
// when it is read (one lookup, which also finds a repeat); the JSON path of an open container is
// spelled out only for an error.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(int max_depth) : max_depth_(max_depth) {}

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool value) { return put(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return put(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return put(Json(value)); }
  bool number_float(Json::number_float_t, const std::string& source) {
    return put(Json::binary(Json::binary_t::container_type(source.begin(), source.end())));
  }
  bool string(std::string& value) { return put(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return put(Json::binary(value)); }
  bool start_object(std::size_t) { return open(Json::object()); }
  bool key(std::string& name) {
    auto [entry, inserted] = stack_.back().node->get_ref<Json::object_t&>().emplace(std::move(name), nullptr);
    if (!inserted) {
      error_path_ = field_path(open_path(), entry->first);
      return fail(messages::duplicate_key(entry->first));
    }
    slot_ = &entry->second;
    key_ = &entry->first;
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) {
    if (!problem_.ok()) return false;
    if (error.id == 406) {  // a number beyond binary floating point (1e400): too large, at its field
      error_path_ = value_path();
      return fail(messages::number_out_of_range());
    }
    return fail(messages::not_json(position));
  }

  Json& document() { return root_; }
  // What was wrong (its path apart: error_path), if anything was.
  const Status& problem() const { return problem_; }
  const std::string& error_path() const { return error_path_; }

 private:
  // An open container and the key it sits under in its parent object (none in an array, where
  // it is the last element, or at the root).
  struct Open {
    Json* node;
    const std::string* key;
  };

  bool fail(Error problem) {
    problem_ = std::move(problem);
    return false;
  }
  // The slot the next value goes to: the root, the last key's in an object, a new element in an array.
  Json& next_slot() {
    if (stack_.empty()) return root_;
    Json& parent = *stack_.back().node;
    if (parent.is_object()) return *slot_;
    parent.push_back(nullptr);
    return parent.back();
  }
  bool put(Json value) {
    next_slot() = std::move(value);
    return true;
  }
  bool open(Json container) {
    if (static_cast<int>(stack_.size()) >= max_depth_) return fail(messages::too_deep(max_depth_));
    const std::string* key = stack_.empty() || !stack_.back().node->is_object() ? nullptr : key_;
    Json& child = next_slot();
    child = std::move(container);
    stack_.push_back({&child, key});
    return true;
  }
  // The JSON path of the innermost open container, e.g. "visits[2]". An open container in an
  // array is that array's last element.
  std::string open_path() const {
    std::string path;
    for (std::size_t level = 1; level < stack_.size(); ++level) {
      const Open& open = stack_[level];
      path = open.key ? field_path(path, *open.key) : index_path(path, stack_[level - 1].node->size() - 1);
    }
    return path;
  }

  // The JSON path of the value being read: the last key's in an object, the next index in an array.
  std::string value_path() const {
    if (stack_.empty()) return "";
    const Json& parent = *stack_.back().node;
    return parent.is_object() ? field_path(open_path(), *key_) : index_path(open_path(), parent.size());
  }

  int max_depth_;
  Json root_;
  std::vector<Open> stack_;
  Json* slot_ = nullptr;              // where the value of the last key read goes
  const std::string* key_ = nullptr;  // that key, as stored in its object
  Status problem_;
  std::string error_path_;  // "" unless the error is at a field (a repeated key)
};

// Reads the JSON text that cases are made of and feeds a DocumentBuilder the same events, in the
// same order, as nlohmann's parser would; a batch run spent a fifth of its time in nlohmann's
// lexer (callgrind). It takes only what it reads exactly as nlohmann does: strings without
// escapes (UTF-8 checked against the same ranges), integers of up to 18 digits, decimals without
// an exponent. Anything else, and every error, makes it give up (false), and the text is read
// again by nlohmann, so what is accepted and every error message and position stay nlohmann's.
class FastReader {
 public:
  FastReader(std::string_view text, DocumentBuilder& builder)
      : at_(text.data()), end_(text.data() + text.size()), builder_(builder) {}

  bool read() {
    if (!value()) return false;
    skip_whitespace();
    return at_ == end_;
  }

 private:
  void skip_whitespace() {
    while (at_ < end_ && (*at_ == ' ' || *at_ == '\t' || *at_ == '\n' || *at_ == '\r')) ++at_;
  }
  bool next_is(char c) {
    skip_whitespace();
    if (at_ == end_ || *at_ != c) return false;
    ++at_;
    return true;
  }
  bool value() {
    skip_whitespace();
    if (at_ == end_) return false;
    switch (*at_) {
      case '{': return object();
      case '[': return array();
      case '"': {
        std::string text;
        return string(text) && builder_.string(text);
      }
      case 't': return literal("true") && builder_.boolean(true);
      case 'f': return literal("false") && builder_.boolean(false);
      case 'n': return literal("null") && builder_.null();
      default: return number();
    }
  }
  bool object() {
    ++at_;
    if (!builder_.start_object(static_cast<std::size_t>(-1))) return false;
    if (next_is('}')) return builder_.end_object();
    do {
      skip_whitespace();
      std::string name;
      if (!string(name) || !builder_.key(name) || !next_is(':') || !value()) return false;
    } while (next_is(','));
    return next_is('}') && builder_.end_object();
  }
  bool array() {
    ++at_;
    if (!builder_.start_array(static_cast<std::size_t>(-1))) return false;
    if (next_is(']')) return builder_.end_array();
    do {
      if (!value()) return false;
    } while (next_is(','));
    return next_is(']') && builder_.end_array();
  }
  bool literal(std::string_view word) {
    if (static_cast<size_t>(end_ - at_) < word.size() || std::string_view(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }
  // The bytes `count` after the lead byte, each in its [low, high] (nlohmann's lexer, scan_string).
  bool continued(std::initializer_list<std::pair<unsigned char, unsigned char>> ranges) {
    if (static_cast<size_t>(end_ - at_) <= ranges.size()) return false;
    const char* next = at_ + 1;
    for (const auto& [low, high] : ranges) {
      const auto byte = static_cast<unsigned char>(*next++);
      if (byte < low || byte > high) return false;
    }
    at_ = next;
    return true;
  }
  bool string(std::string& text) {
    if (at_ == end_ || *at_ != '"') return false;
    const char* start = ++at_;
    while (at_ < end_) {
      const auto c = static_cast<unsigned char>(*at_);
      if (c == '"') {
        text.assign(start, at_);
        ++at_;
        return true;
      }
      if (c == '\\' || c < 0x20) return false;
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
        ok = false;
      }
      if (!ok) return false;
    }
    return false;
  }
  static bool digit(char c) { return c >= '0' && c <= '9'; }
  bool number() {
    const char* start = at_;
    const bool negative = *at_ == '-';
    if (negative) ++at_;
    if (at_ == end_ || !digit(*at_)) return false;
    if (*at_ == '0') {
      ++at_;
    } else {
      while (at_ < end_ && digit(*at_)) ++at_;
    }
    const char* integer_end = at_;
    if (at_ < end_ && *at_ == '.') {
      ++at_;
      if (at_ == end_ || !digit(*at_)) return false;
      while (at_ < end_ && digit(*at_)) ++at_;
    }
    if (at_ < end_ && (*at_ == 'e' || *at_ == 'E')) return false;
    if (at_ != integer_end) {
      // A decimal: kept as its text. Longer ones go to nlohmann's reader, which refuses a number
      // too large for binary floating point: its error message and position stay the same.
      if (at_ - start > 300) return false;
      return builder_.number_float(0.0, std::string(start, at_));
    }
    const char* digits = start + (negative ? 1 : 0);
    if (at_ - digits > 18) return false;
    uint64_t magnitude = 0;
    for (const char* d = digits; d < at_; ++d) magnitude = magnitude * 10 + static_cast<uint64_t>(*d - '0');
    if (negative) return builder_.number_integer(-static_cast<Json::number_integer_t>(magnitude));
    return builder_.number_unsigned(magnitude);
  }

  const char* at_;
  const char* const end_;
  DocumentBuilder& builder_;
};

// A JSON number in exponent form ("1E5", "1.5e-1", "1e008") as plain decimal text ("100000",
// "0.15", "100000000"), so that it reads like any other amount; zeros before the first and after
// the last significant digit are dropped, and any zero reads "0" (minus zero too). A value with
// more than 20 integer digits is written as 21 of them, and one below 10^-20 as that many
// decimals and its digits: refused as too large, or as too many decimals, like any such amount.
std::string without_exponent(const std::string& number) {
  const size_t e = number.find_first_of("eE");
  if (e == std::string::npos) return number;
  const bool negative = number[0] == '-';
  size_t i = e + 1;
  const bool exponent_negative = i < number.size() && number[i] == '-';
  if (i < number.size() && (number[i] == '+' || number[i] == '-')) ++i;
  int64_t exponent = 0;  // saturated: a mantissa has at most a million digits
  for (; i < number.size(); ++i) exponent = std::min<int64_t>(exponent * 10 + (number[i] - '0'), 1'000'000'000);
  if (exponent_negative) exponent = -exponent;

  // The value is 0.<digits> × 10^point.
  std::string digits;
  int64_t point = -1;
  for (size_t d = negative ? 1 : 0; d < e; ++d) {
    if (number[d] == '.') {
      point = static_cast<int64_t>(digits.size());
    } else {
      digits += number[d];
    }
  }
  if (point < 0) point = static_cast<int64_t>(digits.size());
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  digits.erase(0, first);
  point -= static_cast<int64_t>(first);
  digits.erase(digits.find_last_not_of('0') + 1);
  point = std::clamp<int64_t>(point + exponent, -20, 21);
  const auto length = static_cast<int64_t>(digits.size());
  std::string plain;
  if (point <= 0) {
    plain = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= length) {
    plain = digits + std::string(static_cast<size_t>(point - length), '0');
  } else {
    plain = digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  }
  return (negative ? "-" : "") + plain;
}

}  // namespace

Result<Json> read_json(std::string_view text, const InputLimits& limits) {
  if (text.size() > limits.max_bytes) return error_at("", messages::too_large(limits.max_bytes));
  {
    DocumentBuilder builder(limits.max_depth);
    if (FastReader(text, builder).read()) return std::move(builder.document());
  }
  // nlohmann's reader takes a NUL byte for the end of the input and would ignore what follows
  // it: any byte after the value is an error, and a NUL is never part of JSON text.
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) return error_at("", messages::nul_byte(nul + 1));
  if (text.find_first_not_of(" \t\n\r") == std::string_view::npos) return error_at("", messages::empty_input());
  DocumentBuilder builder(limits.max_depth);
  bool complete = Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/false);
  if (!complete) {
    return error_at(builder.error_path(), builder.problem().ok() ? messages::not_json(0) : builder.problem().error());
  }
  return std::move(builder.document());
}

bool is_decimal_text(const Json& value) {
  return value.is_binary();
}

std::string decimal_text(const Json& value) {
  const auto& bytes = value.get_binary();
  return std::string(bytes.begin(), bytes.end());
}

Result<Fen> read_money(const Json& value, const std::string& path) {
  if (value.is_number_unsigned()) {
    auto yuan = value.get<Json::number_unsigned_t>();
    if (yuan > static_cast<uint64_t>(kMaxAmount.fen() / 100)) return error_at(path, messages::amount_too_large());
    return Fen::yuan(static_cast<int64_t>(yuan));
  }
  if (value.is_number_integer()) {
    if (value.get<Json::number_integer_t>() == 0) return Fen();  // -0
    return error_at(path, messages::amount_negative());
  }
  if (!is_decimal_text(value) && !value.is_string()) return error_at(path, messages::amount_wrong_type());
  Result<Fen> amount = is_decimal_text(value) ? parse_yuan(without_exponent(decimal_text(value)))
                                              : parse_yuan(value.get_ref<const std::string&>());
  if (!amount.ok()) return error_at(path, amount.error());
  return amount;
}

}  // namespace settle::detail
