// settle [FILE]        one case (FILE or stdin) -> one settlement; exit 0, or 2 with the error object
// settle --jsonl       one case per line -> one result per line (a blank line too: output line N
//                      answers input line N); goes on after errors
// settle --cities      the cities on file, their categories, periods and parameters
// settle --version
// --no-steps           leave the step-by-step explanation out (batch runs)
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "settle/settle.h"

namespace {

int usage() {
  std::cerr << "usage: settle [--no-steps] [FILE] | settle [--no-steps] --jsonl | settle --cities | settle --version\n";
  return 64;
}

// Results are written in blocks: one write per line was a system call per case (each result is
// longer than the stream's own buffer takes). Whatever is pending is written before the next read
// could wait, so a program that sends one case and waits for its line still gets it.
int settle_lines(std::istream& input, const settle::SettleOptions& options) {
  std::string line;
  std::string pending;
  const auto write_pending = [&] {
    std::cout.write(pending.data(), static_cast<std::streamsize>(pending.size())).flush();
    pending.clear();
  };
  while (true) {
    if (!pending.empty() && (pending.size() >= (1 << 16) || input.rdbuf()->in_avail() <= 0)) write_pending();
    if (!std::getline(input, line)) break;
    pending += settle::settle_json(line, nullptr, options);
    pending += '\n';
  }
  write_pending();
  return input.bad() ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  settle::SettleOptions options;
  bool jsonl = false;
  const char* file = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::string argument = argv[i];
    if (argument == "--jsonl") {
      jsonl = true;
    } else if (argument == "--no-steps") {
      options.include_steps = false;
    } else if (argument == "--cities") {
      std::cout << settle::cities_json() << '\n';
      return 0;
    } else if (argument == "--version") {
      std::cout << settle::version() << '\n';
      return 0;
    } else if (argument.rfind("--", 0) == 0 || file != nullptr) {
      return usage();
    } else {
      file = argv[i];
    }
  }
  if (jsonl) {
    if (file == nullptr) return settle_lines(std::cin, options);
    std::ifstream input(file);
    if (!input) return std::cerr << "settle: cannot read " << file << '\n', 1;
    return settle_lines(input, options);
  }
  std::string text;
  if (file == nullptr) {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream input(file, std::ios::binary);
    if (!input) return std::cerr << "settle: cannot read " << file << '\n', 1;
    text.assign(std::istreambuf_iterator<char>(input), std::istreambuf_iterator<char>());
  }
  bool ok = false;
  std::cout << settle::settle_json(text, &ok, options) << '\n';
  return ok ? 0 : 2;
}
