// Builds the document read_json returns, event by event in the order of the text (a value, a
// key, an object or array opened or closed), and rejects duplicate keys and nesting beyond the
// limit. In a header of its own so that a test drives it from nlohmann's parser too
// (tests/core/json_reader_test.cpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "json_input.h"
#include "json_path.h"
#include "messages.h"

namespace settle::detail {

// An object's members are gathered, as they are read, in a list kept for its depth (a repeated key
// is looked for there), and moved into the object in key order when it closes: each object
// allocates its members once. The JSON path of an open container is spelled out only for an error.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(int max_depth) : max_depth_(max_depth), reading_(static_cast<size_t>(max_depth)) {}

  bool null() { return put(Json()); }
  bool boolean(bool value) { return put(Json::boolean(value)); }
  bool number_integer(int64_t value) { return put(Json::signed_integer(value)); }
  bool number_unsigned(uint64_t value) { return put(Json::unsigned_integer(value)); }
  // A number with a fraction or an exponent, or an integer beyond 64 bits: kept as its text.
  bool decimal(std::string_view source) { return put(Json::decimal(std::string(source))); }
  bool string(std::string& value) { return put(Json::string(std::move(value))); }
  bool start_object() { return open(Json::object()); }
  bool key(std::string& name) {
    Json::Object& members = reading_[stack_.size() - 1];
    if (repeated(stack_.back(), members, name)) {
      error_path_ = field_path(open_path(), name);
      return fail(messages::duplicate_key(name));
    }
    Json::Member& entry = members.emplace_back(std::move(name), Json());
    slot_ = &entry.second;
    key_ = &entry.first;
    return true;
  }
  bool end_object() {
    Json::Object& members = reading_[stack_.size() - 1];
    order_.resize(members.size());
    std::iota(order_.begin(), order_.end(), 0);
    std::sort(order_.begin(), order_.end(),
              [&](uint32_t a, uint32_t b) { return members[a].first < members[b].first; });
    Json::Object& object = stack_.back().node->members();
    object.reserve(members.size());
    for (uint32_t index : order_) object.push_back(std::move(members[index]));
    members.clear();
    stack_.pop_back();
    return true;
  }
  bool start_array() { return open(Json::array()); }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  // A number beyond binary floating point (1e400): too large, at its field.
  bool number_too_large() {
    error_path_ = value_path();
    return fail(messages::number_out_of_range());
  }
  // Not JSON text: `position` is the count of bytes read when the error showed.
  void not_json(size_t position) { fail(messages::not_json(position)); }

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
    std::set<std::string, std::less<>> many_keys;  // an object's keys once it has kManyKeys
  };
  static constexpr size_t kManyKeys = 16;

  // Whether the open object already has the key `name`: looked for among its members while they
  // are few, in a set of their keys beyond that (a 1 MiB object can hold 100,000 keys).
  static bool repeated(Open& open, const Json::Object& members, const std::string& name) {
    if (members.size() < kManyKeys) {
      return std::any_of(members.begin(), members.end(), [&](const Json::Member& m) { return m.first == name; });
    }
    if (open.many_keys.empty()) {
      for (const Json::Member& member : members) open.many_keys.insert(member.first);
    }
    return !open.many_keys.insert(name).second;
  }

  bool fail(Error problem) {
    problem_ = std::move(problem);
    return false;
  }
  // The slot the next value goes to: the root, the last key's in an object, a new element in an array.
  Json& next_slot() {
    if (stack_.empty()) return root_;
    Json& parent = *stack_.back().node;
    if (parent.is_object()) return *slot_;
    return parent.elements().emplace_back();
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
    stack_.push_back({&child, key, {}});
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
  std::vector<Json::Object> reading_;  // the members read so far of the open object at each depth
  std::vector<uint32_t> order_;        // a closing object's members in key order
  Json* slot_ = nullptr;               // where the value of the last key read goes
  const std::string* key_ = nullptr;   // that key, as stored in its object
  Status problem_;
  std::string error_path_;  // "" unless the error is at a field (a repeated key)
};

}  // namespace settle::detail
