#include "json_input.h"

#include <vector>

#include "messages.h"

namespace settle::detail {
namespace {

// Builds the document; rejects duplicate keys and nesting beyond the limit.
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
    if (stack_.back()->contains(name)) return fail(messages::duplicate_key(name));
    key_ = std::move(name);
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
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    if (message_.empty()) message_ = messages::not_json(position);
    return false;
  }

  Json& document() { return root_; }
  const std::string& message() const { return message_; }

 private:
  bool fail(std::string message) {
    message_ = std::move(message);
    return false;
  }
  bool put(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return true;
    }
    Json& parent = *stack_.back();
    if (parent.is_object()) {
      parent[key_] = std::move(value);
    } else {
      parent.push_back(std::move(value));
    }
    return true;
  }
  bool open(Json container) {
    if (static_cast<int>(stack_.size()) >= max_depth_) return fail(messages::too_deep(max_depth_));
    if (stack_.empty()) {
      root_ = std::move(container);
      stack_.push_back(&root_);
      return true;
    }
    Json& parent = *stack_.back();
    Json* child;
    if (parent.is_object()) {
      child = &(parent[key_] = std::move(container));
    } else {
      parent.push_back(std::move(container));
      child = &parent.back();
    }
    stack_.push_back(child);
    return true;
  }

  int max_depth_;
  Json root_;
  std::vector<Json*> stack_;
  std::string key_;
  std::string message_;
};

}  // namespace

Result<Json> read_json(std::string_view text, const InputLimits& limits) {
  if (text.size() > limits.max_bytes) return Error{"", messages::too_large(limits.max_bytes)};
  DocumentBuilder builder(limits.max_depth);
  bool complete = Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/false);
  if (!complete) {
    return Error{"", builder.message().empty() ? messages::not_json(0) : builder.message()};
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
  Result<Fen> amount = Error{path, ""};
  if (value.is_number_unsigned()) {
    auto yuan = value.get<Json::number_unsigned_t>();
    if (yuan > static_cast<uint64_t>(kMaxAmount.fen() / 100)) return Error{path, messages::amount_too_large()};
    return Fen::yuan(static_cast<int64_t>(yuan));
  }
  if (value.is_number_integer()) return Error{path, messages::amount_negative()};
  if (is_decimal_text(value)) {
    amount = parse_yuan(decimal_text(value));
  } else if (value.is_string()) {
    amount = parse_yuan(value.get_ref<const std::string&>());
  } else {
    return Error{path, messages::amount_wrong_type()};
  }
  if (!amount.ok()) return Error{path, amount.error().message};
  return amount;
}

}  // namespace settle::detail
