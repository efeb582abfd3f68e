// settle_check_rules FILE...   the build's check of rules/*.json (cmake/embed_rules.cmake): each
// file is loaded as the library loads its embedded copy, and a broken one fails the build with
// "rules/<city>.json: <field path>: <message>". Exit 0 when every file loads, 1 otherwise.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "settle/rules.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: settle_check_rules rules/<city>.json...\n";
    return 64;
  }
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    // The library knows a file by its name under rules/, wherever the source tree is.
    const std::string name = "rules/" + path.substr(path.find_last_of('/') + 1);
    std::ifstream input(path, std::ios::binary);
    std::stringstream text;
    text << input.rdbuf();
    if (!input) {
      std::cerr << name << ": cannot read " << path << '\n';
      status = 1;
      continue;
    }
    settle::Result<settle::City> city = settle::load_city(name, text.str());
    if (!city.ok()) {
      // load_city names the file before the field path; an error of the whole file (not JSON) has
      // no field path after it.
      std::string where = city.error().path;
      if (where == name + ": ") where = name;
      std::cerr << where << ": " << city.error().message << '\n';
      status = 1;
    }
  }
  return status;
}
