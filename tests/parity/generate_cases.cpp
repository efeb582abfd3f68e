// generate_cases --generate N SEED: N generated cases (tests/core/case_generator.h), one JSON case
// per line, the same lines for the same N and SEED on every machine.
#include <cstdlib>
#include <iostream>
#include <string>

#include "case_generator.h"

namespace {

int usage() {
  std::cerr << "usage: generate_cases --generate N SEED\n";
  return 64;
}

bool parse_count(const char* text, unsigned long long& value) {
  char* end = nullptr;
  value = std::strtoull(text, &end, 10);
  return end != text && *end == '\0' && text[0] != '-';
}

}  // namespace

int main(int argc, char** argv) {
  unsigned long long count = 0;
  unsigned long long seed = 0;
  if (argc != 4 || std::string(argv[1]) != "--generate" || !parse_count(argv[2], count) || !parse_count(argv[3], seed))
    return usage();
  if (!settle::cities().ok()) {
    std::cerr << "generate_cases: " << settle::cities().error().path << ": " << settle::cities().error().message
              << '\n';
    return 1;
  }
  std::ios::sync_with_stdio(false);
  settle::testing::CaseGenerator generator(seed);
  for (unsigned long long i = 0; i < count; ++i) std::cout << generator.next().to_json() << '\n';
  return std::cout.good() ? 0 : 1;
}
