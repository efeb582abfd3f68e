// The WebAssembly build's compiled rules (city_codec.h): every embedded city read back from its
// bytes is the city load_city() read from rules/*.json (the same catalog, the same bytes again),
// and bytes cut short or changed are an error or another city, never a crash (ASan build).
#include "city_codec.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "output.h"
#include "settle/rules.h"

using settle::City;
using settle::detail::decode_city;
using settle::detail::encode_city;

TEST_CASE("a city compiled to bytes reads back as the same city") {
  const auto& loaded = settle::cities();
  REQUIRE(loaded.ok());
  REQUIRE(loaded.value().size() >= 4);
  std::vector<City> decoded;
  for (const City& city : loaded.value()) {
    INFO(city.id);
    const std::string bytes = encode_city(city);
    settle::Result<City> back = decode_city(bytes);
    REQUIRE(back.ok());
    CHECK(encode_city(back.value()) == bytes);
    decoded.push_back(back.value());
  }
  // Everything the page's catalog says of each city, from every period's parameters to its notes.
  CHECK(settle::detail::cities_to_json(settle::Result<std::vector<City>>(decoded), "v") ==
        settle::detail::cities_to_json(loaded, "v"));
}

TEST_CASE("compiled bytes cut short are an error; changed bytes are never a crash") {
  const auto& loaded = settle::cities();
  REQUIRE(loaded.ok());
  std::mt19937 random(20261203);
  for (const City& city : loaded.value()) {
    INFO(city.id);
    const std::string bytes = encode_city(city);
    for (size_t part = 0; part < 100; ++part) {
      const settle::Result<City> cut = decode_city(std::string_view(bytes).substr(0, bytes.size() * part / 100));
      REQUIRE_FALSE(cut.ok());
      CHECK(cut.error().path == "city");
    }
    for (int i = 0; i < 300; ++i) {
      std::string changed = bytes;
      changed[random() % changed.size()] = static_cast<char>(random() % 256);
      (void)decode_city(changed);  // another city or an error; under ASan, no read out of bounds
    }
  }
}
