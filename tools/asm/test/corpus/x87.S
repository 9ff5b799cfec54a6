# x87 register and memory forms (AT&T mnemonics carry the memory size).
	fadd %st(2), %st
	fadd %st, %st(2)
	faddp %st, %st(2)
	faddp
	fsub %st(2), %st
	fsub %st, %st(2)
	fsubp %st, %st(2)
	fsubp
	fsubr %st(2), %st
	fsubr %st, %st(2)
	fsubrp %st, %st(2)
	fsubrp
	fdiv %st(2), %st
	fdiv %st, %st(2)
	fdivp %st, %st(2)
	fdivp
	fdivr %st(2), %st
	fdivr %st, %st(2)
	fdivrp %st, %st(2)
	fdivrp
	fmul %st, %st(2)
	fmulp
	fcom %st(2)
	fcom
	fcomp %st(2)
	fcomp
	fld %st(1)
	fst %st(3)
	fstp %st(3)
	fxch %st(2)
	fxch
	fucom %st(1)
	fucom
	fucomp
	fcomi %st(1), %st
	fucomip %st(1), %st
	fcmovne %st(1), %st
	fld %st
	fldt (%eax)
	fildq (%eax)
	fistpll (%eax)
	fisttpl (%eax)
	fiadds (%eax)
	fiaddl (%eax)
