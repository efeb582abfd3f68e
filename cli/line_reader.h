// The lines of `settle --jsonl`'s input, read a block at a time: as much as the stream holds
// already, or, when it holds nothing, one byte (which waits for the writer) and then what has come
// with it; so a program that writes one case and waits for its result is never kept waiting for a
// fuller block. A byte at a time through the stream buffer was a tenth of a batch run (callgrind).
#pragma once

#include <algorithm>
#include <cstring>
#include <streambuf>
#include <string>

class LineReader {
 public:
  explicit LineReader(std::streambuf& input) : input_(input) {}

  // The next line without its '\n', at most `keep` bytes of it (the rest is skipped, not held).
  // False at the end of the input. A read error throws (the stream buffer's own).
  bool next(std::string& line, size_t keep) {
    line.clear();
    bool read_any = false;
    while (true) {
      if (at_ == block_.size() && !fill()) return read_any;
      read_any = true;
      const char* start = block_.data() + at_;
      const size_t length = block_.size() - at_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', length));
      const size_t taken = newline != nullptr ? static_cast<size_t>(newline - start) : length;
      if (line.size() < keep) line.append(start, std::min(taken, keep - line.size()));
      at_ += taken;
      if (newline != nullptr) {
        ++at_;
        return true;
      }
    }
  }

  // Whether more input is here already (the next line may still have to wait for its end).
  bool holds_more() const { return at_ < block_.size() || input_.in_avail() > 0; }

 private:
  static constexpr std::streamsize kBlock = 1 << 16;

  // A new block of at least one byte; false at the end of the input.
  bool fill() {
    block_.clear();
    at_ = 0;
    std::streamsize available = input_.in_avail();
    if (available <= 0) {
      const int c = input_.sbumpc();
      if (c == std::char_traits<char>::eof()) return false;
      block_.push_back(static_cast<char>(c));
      available = input_.in_avail();
    }
    if (available > 0) {
      const std::streamsize wanted = std::min(available, kBlock);
      const size_t before = block_.size();
      block_.resize(before + static_cast<size_t>(wanted));
      const std::streamsize got = input_.sgetn(block_.data() + before, wanted);
      block_.resize(before + static_cast<size_t>(std::max<std::streamsize>(got, 0)));
    }
    return true;
  }

  std::streambuf& input_;
  std::string block_;
  size_t at_ = 0;  // the first byte of block_ not yet read
};
