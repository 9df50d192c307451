// `kefu scan`'s engine against Hyperscan on the same data, single thread (scripts/bench words).
//
//   words/kefu_full/N    the Kefu matcher, full normalization (width, case, t2s, digits, noise,
//                        Latin boundaries), leftmost-longest hits with original spans
//   words/kefu_plain/N   the Kefu matcher with normalization off
//   words/hyperscan/N    Hyperscan literal mode (hs_compile_lit_multi), every match, end offsets
//                        only, no normalization: the raw literal speed of a SIMD engine
//   words/kefu_modes/N   full normalization with the pinyin and look-alike modes on for every
//                        term (the worst case: in the shipped lists only the contact and
//                        cashback categories have them)
//   words/kefu_modes10/N the same modes on for one term in ten
//   words/kefu_shipped/N the N terms literal plus the evasion-prone terms of the shipped lists
//                        (contact, cashback) with both modes: the default configuration
//   words/build/N        building the Kefu automaton from N terms (build_modes/N: modes on)
// N = lexicon size (1k, 10k, 50k). Bytes/s is the corpus size over the scan time.
#include "corpus.h"

#include "words/matcher.h"

#include <benchmark/benchmark.h>
#ifdef KEFU_BENCH_HYPERSCAN
#include <hs/hs.h>
#endif

#include <map>
#include <memory>
#include <stdexcept>

namespace {

using namespace kefu;
constexpr std::size_t kCorpusBytes = 64u << 20;

struct Inputs {
  std::vector<std::string> lexicon;
  bench::Corpus corpus;
};

const Inputs& inputs(std::size_t terms) {
  static std::map<std::size_t, std::unique_ptr<Inputs>> cache;
  auto& slot = cache[terms];
  if (!slot) {
    slot = std::make_unique<Inputs>();
    slot->lexicon = bench::make_lexicon(terms);
    slot->corpus = bench::make_corpus(kCorpusBytes, slot->lexicon);
  }
  return *slot;
}

// `every`: one term in `every` gets the pinyin and look-alike modes (0: none).
std::vector<host::words::PatternSpec> specs_of(const std::vector<std::string>& lexicon, std::size_t every = 0) {
  std::vector<host::words::PatternSpec> specs;
  specs.reserve(lexicon.size());
  const host::words::ModeSet modes = host::words::kModePinyin | host::words::kModeLookalike;
  for (std::size_t i = 0; i < lexicon.size(); ++i)
    specs.push_back({lexicon[i], 1, 0, 0, every && i % every == 0 ? modes : host::words::ModeSet{0}});
  return specs;
}

// The 引流/站外联系 and 好评返现/虚假交易 terms of host/words/data/common.txt and
// plugins/tmall/words.txt (2026-12-04), the categories whose modes are on by default.
constexpr const char* kShippedEvasionProne[] = {
    "微信", "v信", "vx", "wx", "qq", "扣扣", "手机号", "银行卡号", "二维码", "京东",
    "拼多多", "唯品会", "微店", "私域", "转转", "好评返现", "好评返红包", "好评送红包", "好评送券", "五星好评返",
    "好评返", "评价返", "晒图返", "好评截图"};

void scan_kefu(benchmark::State& state, const host::words::Normalization& norm, std::size_t modes_every = 0,
               bool shipped = false) {
  const Inputs& in = inputs(static_cast<std::size_t>(state.range(0)));
  auto specs = specs_of(in.lexicon, modes_every);
  if (shipped)
    for (const char* t : kShippedEvasionProne)
      specs.push_back({t, 1, 0, 0, host::words::kModePinyin | host::words::kModeLookalike});
  const host::words::Matcher matcher(specs, norm);
  std::vector<host::words::Hit> hits;
  for (auto _ : state) {
    hits.clear();
    matcher.find(in.corpus.text, {}, hits);
    benchmark::DoNotOptimize(hits.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.corpus.text.size()));
  state.counters["hits_per_KB"] = 1024.0 * hits.size() / in.corpus.text.size();
  state.counters["automaton_MiB"] = matcher.memory_bytes() / 1048576.0;
}

void BM_kefu_full(benchmark::State& state) { scan_kefu(state, {}); }
void BM_kefu_plain(benchmark::State& state) { scan_kefu(state, host::words::Normalization::none()); }
void BM_kefu_modes(benchmark::State& state) { scan_kefu(state, {}, 1); }
void BM_kefu_modes10(benchmark::State& state) { scan_kefu(state, {}, 10); }
void BM_kefu_shipped(benchmark::State& state) { scan_kefu(state, {}, 0, true); }

void build_kefu(benchmark::State& state, std::size_t modes_every) {
  const Inputs& in = inputs(static_cast<std::size_t>(state.range(0)));
  const auto specs = specs_of(in.lexicon, modes_every);
  std::size_t bytes = 0, states = 0;
  for (auto _ : state) {
    host::words::Matcher matcher(specs, {});
    bytes = matcher.memory_bytes();
    states = matcher.states();
  }
  state.counters["automaton_MiB"] = bytes / 1048576.0;
  state.counters["states"] = static_cast<double>(states);
}
void BM_build(benchmark::State& state) { build_kefu(state, 0); }
void BM_build_modes(benchmark::State& state) { build_kefu(state, 1); }

#ifdef KEFU_BENCH_HYPERSCAN
int count_match(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<std::size_t*>(ctx);
  return 0;
}

void BM_hyperscan(benchmark::State& state) {
  const Inputs& in = inputs(static_cast<std::size_t>(state.range(0)));
  std::vector<const char*> expressions;
  std::vector<std::size_t> lengths;
  std::vector<unsigned> flags(in.lexicon.size(), 0), ids;
  for (std::size_t i = 0; i < in.lexicon.size(); ++i) {
    expressions.push_back(in.lexicon[i].data());
    lengths.push_back(in.lexicon[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &db,
                           &error) != HS_SUCCESS) {
    state.SkipWithError(error->message);
    hs_free_compile_error(error);
    return;
  }
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  std::size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    hs_scan(db, in.corpus.text.data(), static_cast<unsigned>(in.corpus.text.size()), 0, scratch, count_match, &matches);
    benchmark::DoNotOptimize(matches);
  }
  std::size_t db_size = 0;
  hs_database_size(db, &db_size);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.corpus.text.size()));
  state.counters["hits_per_KB"] = 1024.0 * matches / in.corpus.text.size();
  state.counters["automaton_MiB"] = db_size / 1048576.0;
  hs_free_scratch(scratch);
  hs_free_database(db);
}
BENCHMARK(BM_hyperscan)
    ->Name("words/hyperscan")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2);
#endif

BENCHMARK(BM_kefu_full)
    ->Name("words/kefu_full")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2);
BENCHMARK(BM_kefu_plain)
    ->Name("words/kefu_plain")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2);
BENCHMARK(BM_kefu_modes)
    ->Name("words/kefu_modes")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2);
BENCHMARK(BM_kefu_modes10)
    ->Name("words/kefu_modes10")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2);
BENCHMARK(BM_kefu_shipped)
    ->Name("words/kefu_shipped")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2);
BENCHMARK(BM_build)->Name("words/build")->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_build_modes)->Name("words/build_modes")->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
