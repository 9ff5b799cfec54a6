/*
 * memcpy and memset with the C signatures, for struct copies and zeroing the backend emits.
 * `rep movsb/stosb` are short and fast enough here; the direction flag is clear at every
 * call (cdecl), so they copy upwards.
 */
    .text

/* void *memcpy(void *dst, const void *src, u32 n) */
    .globl memcpy
    .type memcpy, @function
memcpy:
    pushl %edi
    pushl %esi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
    movl %edi, %eax
    rep movsb
    popl %esi
    popl %edi
    ret
    .size memcpy, . - memcpy

/* void *memset(void *dst, i32 byte, u32 n) */
    .globl memset
    .type memset, @function
memset:
    pushl %edi
    movl 8(%esp), %edi
    movl 12(%esp), %eax
    movl 16(%esp), %ecx
    movl %edi, %edx
    rep stosb
    movl %edx, %eax
    popl %edi
    ret
    .size memset, . - memset
