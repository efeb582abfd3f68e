// settle_bench [--no-steps] [--seconds S | --calls N] CASE.json...
// Times settle::settle_json end to end (parse, settle, serialize) on each case file, one call per
// sample (for S seconds and at least 1000 calls, or exactly N calls, e.g. under callgrind), and
// prints one tab-separated line per case:
//   name  visits  samples  median_us  p99_us  output_bytes
// The case files are plain cases (bench/cases/), read once; only the call is timed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "settle/settle.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const std::string& path) {
  std::ifstream input(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(input), std::istreambuf_iterator<char>()};
}

std::string case_name(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  return name.substr(0, name.rfind(".json"));
}

// Visits counted from the text: every visit has exactly one "date" key.
int count_visits(const std::string& text) {
  int visits = 0;
  for (std::size_t at = text.find("\"date\""); at != std::string::npos; at = text.find("\"date\"", at + 1)) ++visits;
  return visits;
}

double percentile(std::vector<double>& samples, double fraction) {
  std::sort(samples.begin(), samples.end());
  const std::size_t index = static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[index];
}

}  // namespace

int main(int argc, char** argv) {
  settle::SettleOptions options;
  double seconds = 1.0;
  long calls = -1;  // -1: as many as fit in `seconds`
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--no-steps") {
      options.include_steps = false;
    } else if (argument == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (argument == "--calls" && i + 1 < argc) {
      calls = std::atol(argv[++i]);
    } else {
      files.push_back(argument);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: settle_bench [--no-steps] [--seconds S | --calls N] CASE.json...\n";
    return 64;
  }

  std::size_t sink = 0;
  for (const std::string& file : files) {
    const std::string text = read_file(file);
    const auto [first, ok] = settle::settle_json(text, options);
    if (!ok) {
      std::cerr << file << ": not a settlement: " << first << '\n';
      return 1;
    }
    // Warm up (caches, allocator), then sample for `seconds`, at least 1000 calls.
    for (int i = 0; i < 200; ++i) sink += settle::settle_json(text, options).json.size();
    std::vector<double> samples;
    const Clock::time_point deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    const auto more = [&] {
      if (calls >= 0) return static_cast<long>(samples.size()) < calls;
      return samples.size() < 1000 || Clock::now() < deadline;
    };
    while (more()) {
      const Clock::time_point start = Clock::now();
      const std::string output = settle::settle_json(text, options).json;
      const Clock::time_point stop = Clock::now();
      sink += output.size();
      samples.push_back(std::chrono::duration<double, std::micro>(stop - start).count());
    }
    const double median = samples.empty() ? 0 : percentile(samples, 0.5);
    const double p99 = samples.empty() ? 0 : percentile(samples, 0.99);
    std::printf("%s\t%d\t%zu\t%.1f\t%.1f\t%zu\n", case_name(file).c_str(), count_visits(text), samples.size(), median,
                p99, first.size());
  }
  return sink == 0 ? 1 : 0;
}
