// A fixed-capacity array of trivially copyable values in its own anonymous mapping, with
// transparent huge pages requested: the chat-log engine fills hundreds of MB, and on a VM each
// 4 KiB page fault costs more than parsing the rows that fill the page. Pages that are never
// written are never backed, so a generous capacity costs address space only.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace kefu::host {

template <class T>
class BigArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  BigArray() = default;
  explicit BigArray(std::size_t capacity) : capacity_(capacity) {
    if (capacity == 0) return;
    bytes_ = (capacity * sizeof(T) + kHuge - 1) / kHuge * kHuge;
    void* p = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    ::madvise(p, bytes_, MADV_HUGEPAGE);  // advice only: fine if the kernel says no
    data_ = static_cast<T*>(p);
  }
  ~BigArray() {
    if (data_) ::munmap(data_, bytes_);
  }
  BigArray(BigArray&& o) noexcept { swap(o); }
  BigArray& operator=(BigArray&& o) noexcept {
    BigArray(std::move(o)).swap(*this);
    return *this;
  }
  BigArray(const BigArray&) = delete;
  BigArray& operator=(const BigArray&) = delete;

  T* data() const { return data_; }
  T& operator[](std::size_t i) const { return data_[i]; }
  std::size_t capacity() const { return capacity_; }

 private:
  static constexpr std::size_t kHuge = 2u << 20;
  void swap(BigArray& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(capacity_, o.capacity_);
    std::swap(bytes_, o.bytes_);
  }
  T* data_ = nullptr;
  std::size_t capacity_ = 0, bytes_ = 0;
};

}  // namespace kefu::host
