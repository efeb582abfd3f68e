// A small streaming JSON writer for the settlement: compact, keys in the order written, UTF-8
// passed through, the same escapes as nlohmann's dump(). Building a DOM and dumping it cost two
// thirds of a settlement's time (callgrind), most of it re-validating the Chinese text.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace settle::detail {

#ifdef __EMSCRIPTEN__
inline constexpr bool kLiteralKeyCopiedInline = false;  // one copy routine for all keys: a smaller module
#else
inline constexpr bool kLiteralKeyCopiedInline = true;
#endif

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // Keys are the serializer's own names (ASCII, nothing to escape), so they are copied as they are.
  // A literal's length is known where it is written, so its copy is a few moves, not a call
  // (natively: in the WebAssembly module one copy routine for all keys keeps it smaller).
  template <size_t N>
  JsonWriter& key(const char (&name)[N]) {
    if constexpr (kLiteralKeyCopiedInline) return key_of_size<N - 1>(name);
    return key(std::string_view(name, N - 1));
  }
  JsonWriter& key(std::string_view name) {
    separate();
    char* out = room(name.size() + 3);
    *out++ = '"';
    std::memcpy(out, name.data(), name.size());
    finish_key(out + name.size());
    return *this;
  }
  JsonWriter& value(std::string_view text) {
    separate();
    quote(text);
    return *this;
  }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(int64_t number) {
    separate();
    char* at = room(24);
    size_ = static_cast<size_t>(std::to_chars(at, at + 24, number).ptr - buffer_.get());
    return *this;
  }
  JsonWriter& value(bool flag) {
    separate();
    put(flag ? std::string_view("true") : std::string_view("false"));
    return *this;
  }
  JsonWriter& null() {
    separate();
    put("null");
    return *this;
  }
  template <size_t N, typename T>
  JsonWriter& field(const char (&name)[N], const T& field_value) {
    return key(name).value(field_value);
  }
  template <typename T>
  JsonWriter& field(std::string_view name, const T& field_value) {
    return key(name).value(field_value);
  }
  template <size_t N>
  JsonWriter& null_field(const char (&name)[N]) {
    return key(name).null();
  }
  JsonWriter& null_field(std::string_view name) { return key(name).null(); }

  std::string take() {
    std::string text(buffer_.get(), size_);
    size_ = 0;
    return text;
  }
  void reserve(size_t bytes) {
    if (bytes > capacity_) grow(bytes);
  }

 private:
  template <size_t Size>
  JsonWriter& key_of_size(const char* name) {
    separate();
    char* out = room(Size + 3);
    *out++ = '"';
    std::memcpy(out, name, Size);
    finish_key(out + Size);
    return *this;
  }
  // After a key's name: its closing quote and colon.
  void finish_key(char* out) {
    *out++ = '"';
    *out++ = ':';
    size_ = static_cast<size_t>(out - buffer_.get());
    after_key_ = true;
  }

  // The text is built in a plain buffer rather than a std::string: every append is then an inline
  // copy instead of a call into the library (a third of the writer's time, callgrind).
  char* room(size_t bytes) {
    if (capacity_ - size_ < bytes) grow(size_ + bytes);
    return buffer_.get() + size_;
  }
  void grow(size_t at_least) {
    size_t capacity = std::max<size_t>({at_least, capacity_ * 2, 256});
    std::unique_ptr<char[]> larger(new char[capacity]);
    if (size_ > 0) std::memcpy(larger.get(), buffer_.get(), size_);
    buffer_ = std::move(larger);
    capacity_ = capacity;
  }
  void put(char c) {
    *room(1) = c;
    ++size_;
  }
  void put(std::string_view text) {
    std::memcpy(room(text.size()), text.data(), text.size());
    size_ += text.size();
  }

  JsonWriter& open(char bracket) {
    separate();
    put(bracket);
    first_.push_back(1);
    return *this;
  }
  JsonWriter& close(char bracket) {
    put(bracket);
    first_.pop_back();
    return *this;
  }
  // A comma before every member but the first, none between a key and its value.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (first_.back() == 0) put(',');
    first_.back() = 0;
  }

  static bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }
  // The first byte at or after `at` that needs an escape, eight bytes at a time: most of the
  // output is Chinese text, which never does.
  static const char* next_escape(const char* at, const char* end) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighs = 0x8080808080808080ULL;
    for (; end - at >= 8; at += 8) {
      uint64_t word;
      std::memcpy(&word, at, 8);
      const uint64_t quotes = word ^ (kOnes * '"');
      const uint64_t backslashes = word ^ (kOnes * '\\');
      const uint64_t flagged =
          ((word - kOnes * 0x20) & ~word) | ((quotes - kOnes) & ~quotes) | ((backslashes - kOnes) & ~backslashes);
      if ((flagged & kHighs) != 0) break;
    }
    while (at < end && !needs_escape(static_cast<unsigned char>(*at))) ++at;
    return at;
  }
  void quote(std::string_view text) {
    const char* at = text.data();
    const char* const end = at + text.size();
    char* out = room(text.size() * 6 + 2);  // at worst every byte becomes \u00XX
    *out++ = '"';
    while (at < end) {
      const char* run = at;
      at = next_escape(at, end);
      std::memcpy(out, run, static_cast<size_t>(at - run));
      out += at - run;
      if (at == end) break;
      out = escape(out, *at++);
    }
    *out++ = '"';
    size_ = static_cast<size_t>(out - buffer_.get());
  }
  static char* escape(char* out, char c) {
    static const char kHex[] = "0123456789abcdef";
    *out++ = '\\';
    switch (c) {
      case '"': *out++ = '"'; break;
      case '\\': *out++ = '\\'; break;
      case '\b': *out++ = 'b'; break;
      case '\f': *out++ = 'f'; break;
      case '\n': *out++ = 'n'; break;
      case '\r': *out++ = 'r'; break;
      case '\t': *out++ = 't'; break;
      default:
        *out++ = 'u';
        *out++ = '0';
        *out++ = '0';
        *out++ = kHex[(c >> 4) & 0xf];
        *out++ = kHex[c & 0xf];
    }
    return out;
  }

  std::unique_ptr<char[]> buffer_;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::vector<char> first_;  // per open container: no member yet
  bool after_key_ = false;
};

}  // namespace settle::detail
