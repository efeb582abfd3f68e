// settle [FILE]        one case (FILE or stdin) -> one settlement; exit 0, or 2 with the error object
// settle --jsonl       one case per line -> one result per line (a blank line too: output line N
//                      answers input line N); goes on after errors
// settle --cities      the cities on file, their categories, periods and parameters
// settle --version
// --no-steps           leave the step-by-step explanation out (batch runs)
// Input that cannot be read, or output that cannot be written, exits 1.
#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <string>

#include "line_reader.h"
#include "settle/settle.h"

namespace {

int usage() {
  std::cerr << "usage: settle [--no-steps] [FILE] | settle [--no-steps] --jsonl | settle --cities | settle --version\n";
  return 64;
}

int cannot_read(const char* file) {
  std::cerr << "settle: cannot read " << file << '\n';
  return 1;
}

// Everything written so far reaches its destination, or the command fails (`> /dev/full`).
int finish(int code) {
  if (std::cout.flush()) return code;
  std::cerr << "settle：无法写出结果（输出位置已满或已关闭）\n";
  return 1;
}

// A directory or a device is no case file: reading one aborted (EISDIR) or never ended (/dev/zero).
bool refuse_non_file(const char* file) {
  struct stat status {};
  if (stat(file, &status) != 0) return false;  // opening it says why
  if (S_ISDIR(status.st_mode)) {
    std::cout << settle::input_error_json(settle::InputProblem::directory) << '\n';
    return true;
  }
  if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode)) {
    std::cout << settle::input_error_json(settle::InputProblem::device) << '\n';
    return true;
  }
  return false;
}

// Standard input that is a directory (`settle < folder`) is refused as such; a device there
// (a terminal, /dev/zero) is read up to the limit like any stream.
bool refuse_directory_input() {
  struct stat status {};
  if (fstat(0, &status) != 0 || !S_ISDIR(status.st_mode)) return false;
  std::cout << settle::input_error_json(settle::InputProblem::directory) << '\n';
  return true;
}

// At most one byte past the limit, which settle_json then refuses as too large: a stream that
// never ends is not read to the end.
std::string read_case(std::istream& input) {
  std::string text(settle::kMaxInputBytes + 1, '\0');
  input.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(input.gcount()));
  return text;
}

// Results are written in blocks: one write per line was a system call per case (each result is
// longer than the stream's own buffer takes). Whatever is pending is written before the next read
// could wait, so a program that sends one case and waits for its line still gets it. A line
// longer than a case may be is kept to one byte past the limit, which settle_json refuses.
int settle_lines(std::istream& input, const settle::SettleOptions& options) {
  std::string line;
  std::string pending;
  const auto write_pending = [&] {
    std::cout.write(pending.data(), static_cast<std::streamsize>(pending.size())).flush();
    pending.clear();
    return static_cast<bool>(std::cout);
  };
  LineReader lines(*input.rdbuf());
  try {
    while (true) {
      if (!pending.empty() && (pending.size() >= (1 << 16) || !lines.holds_more()) && !write_pending())
        return finish(1);
      if (!lines.next(line, settle::kMaxInputBytes + 1)) break;
      pending += settle::settle_json(line, options).json;
      pending += '\n';
    }
  } catch (const std::ios_base::failure&) {
    write_pending();
    return finish(1);
  }
  write_pending();
  return finish(0);
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
      return finish(0);
    } else if (argument == "--version") {
      std::cout << settle::version() << '\n';
      return finish(0);
    } else if (argument.rfind("--", 0) == 0 || file != nullptr) {
      return usage();
    } else {
      file = argv[i];
    }
  }
  if (file != nullptr ? refuse_non_file(file) : refuse_directory_input()) return finish(2);
  std::ifstream opened;
  if (file != nullptr) {
    opened.open(file, std::ios::binary);
    if (!opened) return cannot_read(file);
  }
  std::istream& input = file != nullptr ? static_cast<std::istream&>(opened) : std::cin;
  if (jsonl) return settle_lines(input, options);
  const std::string text = read_case(input);
  if (input.bad()) return cannot_read(file != nullptr ? file : "stdin");
  const settle::SettleOutput output = settle::settle_json(text, options);
  std::cout << output.json << '\n';
  return finish(output.ok ? 0 : 2);
}
