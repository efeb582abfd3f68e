#include "json_writer.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using settle::detail::JsonWriter;

TEST_CASE("JsonWriter writes the same bytes as nlohmann's dump for the same document") {
  const std::string awkward =
      std::string("引号\"反斜杠\\ 换行\n 制表\t 退格\b 换页\f 回车\r 控制") + '\x01' + '\x1f' + " 结束";
  JsonWriter out;
  out.begin_object().field("text", awkward).field("n", int64_t{-42}).field("yes", true).null_field("none");
  out.key("list").begin_array().value("a").value(int64_t{1}).begin_object().end_object().begin_array().end_array();
  out.end_array().end_object();

  nlohmann::ordered_json same;
  same["text"] = awkward;
  same["n"] = -42;
  same["yes"] = true;
  same["none"] = nullptr;
  same["list"] = {"a", 1, nlohmann::ordered_json::object(), nlohmann::ordered_json::array()};
  CHECK(out.take() == same.dump());
}
