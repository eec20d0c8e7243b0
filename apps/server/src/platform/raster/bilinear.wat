;; Bilinear resampling of 8-bit RGB source tiles into an RGBA output row, with WebAssembly SIMD (the dense 8-bit path
;; of tile.compose.ts; `npm run build:wasm` compiles this file into bilinear.wasm.ts).
;;
;; Memory (laid out by tile.compose.ts): the 256 × 256 RGBA canvas at 0; at $table one i32 per source tile of the grid,
;; the byte address of that tile's pixels (3 bytes per pixel, rows of $stride bytes, at least 4 bytes of padding after
;; each tile: within a run a row's two neighbours are one 8-byte load, reading up to 2 bytes past the tile's end; a
;; pixel straddling tiles is read as one 32-bit word, up to 1 byte past).
;;
;; Coordinates are level pixels of the region in 16.16 fixed point, of the top-left bilinear neighbour of an output
;; pixel's centre. Colours are interpolated in Q7 (value × 128) with Q15 weights — the fraction's top 15 bits — by
;; `i16x8.q15mulr_sat_s` as a + (b − a)·w: every intermediate stays within ±32,640, and the result is within half a
;; level (plus rounding) of the exact bilinear value.
(module
  (memory (export "memory") 5)

  ;; the grid, set per layer by `setup`
  (global $table (mut i32) (i32.const 0))
  (global $ox (mut i32) (i32.const 0))
  (global $oy (mut i32) (i32.const 0))
  (global $shiftX (mut i32) (i32.const 0))
  (global $shiftY (mut i32) (i32.const 0))
  (global $maskX (mut i32) (i32.const 0))
  (global $maskY (mut i32) (i32.const 0))
  (global $cols (mut i32) (i32.const 0))
  (global $stride (mut i32) (i32.const 0))
  ;; region width − 1 and height − 1: a top-left neighbour at x0 < $lastX, y0 < $lastY has all four inside
  (global $lastX (mut i32) (i32.const 0))
  (global $lastY (mut i32) (i32.const 0))

  (func (export "setup")
    (param $table i32) (param $ox i32) (param $oy i32) (param $shiftX i32) (param $shiftY i32) (param $cols i32)
    (param $stride i32) (param $width i32) (param $height i32)
    (global.set $table (local.get $table))
    (global.set $ox (local.get $ox))
    (global.set $oy (local.get $oy))
    (global.set $shiftX (local.get $shiftX))
    (global.set $shiftY (local.get $shiftY))
    (global.set $maskX (i32.sub (i32.shl (i32.const 1) (local.get $shiftX)) (i32.const 1)))
    (global.set $maskY (i32.sub (i32.shl (i32.const 1) (local.get $shiftY)) (i32.const 1)))
    (global.set $cols (local.get $cols))
    (global.set $stride (local.get $stride))
    (global.set $lastX (i32.sub (local.get $width) (i32.const 1)))
    (global.set $lastY (i32.sub (local.get $height) (i32.const 1)))
  )

  ;; The byte address of grid pixel (lx, ly).
  (func $address (param $lx i32) (param $ly i32) (result i32)
    (i32.add
      (i32.load
        (i32.add
          (global.get $table)
          (i32.shl
            (i32.add
              (i32.mul (i32.shr_u (local.get $ly) (global.get $shiftY)) (global.get $cols))
              (i32.shr_u (local.get $lx) (global.get $shiftX)))
            (i32.const 2))))
      (i32.add
        (i32.mul (i32.and (local.get $ly) (global.get $maskY)) (global.get $stride))
        (i32.mul (i32.and (local.get $lx) (global.get $maskX)) (i32.const 3))))
  )

  ;; How many pixels, from this one on, keep the 16.16 coordinate `f` (stepping by `step`) within level pixels
  ;; `lo`…`hi`; this one is within.
  (func $runLength (param $f i32) (param $step i32) (param $lo i32) (param $hi i32) (result i32)
    (if (result i32) (i32.gt_s (local.get $step) (i32.const 0))
      (then
        (i32.add
          (i32.div_s
            (i32.sub
              (i32.sub (i32.shl (i32.add (local.get $hi) (i32.const 1)) (i32.const 16)) (i32.const 1))
              (local.get $f))
            (local.get $step))
          (i32.const 1)))
      (else
        (if (result i32) (i32.lt_s (local.get $step) (i32.const 0))
          (then
            (i32.add
              (i32.div_s
                (i32.sub (local.get $f) (i32.shl (local.get $lo) (i32.const 16)))
                (i32.sub (i32.const 0) (local.get $step)))
              (i32.const 1)))
          (else (i32.const 0x7fffffff))))))

  ;; Draws `n` output pixels from canvas byte `o` on, stepping the coordinates by (sx, sy) per pixel. A pixel already
  ;; drawn (alpha ≠ 0) is left alone; one whose neighbours leave the region is left for the caller. Returns the pixels
  ;; drawn + 65,536 × the pixels left for the caller.
  ;;
  ;; The output pixels are walked in runs whose four neighbours all lie in one source tile: within a run a pixel's
  ;; neighbours are two 8-byte loads from `$origin` (the tile's address less its offset in the region). A pixel whose
  ;; neighbours straddle tiles is a run of its own, its four neighbours looked up one by one.
  (func (export "row")
    (param $o i32) (param $n i32) (param $fx i32) (param $fy i32) (param $sx i32) (param $sy i32) (result i32)
    (local $end i32) (local $x0 i32) (local $y0 i32) (local $lx i32) (local $ly i32) (local $ix i32) (local $iy i32)
    (local $run i32) (local $origin i32) (local $drawn i32) (local $left i32)
    (local $v v128) (local $top v128) (local $bottom v128)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (block $advance
          (br_if $advance (i32.load8_u offset=3 (local.get $o)))
          (block $blend
            (if (local.get $run)
              (then
                (local.set $v
                  (v128.load64_zero
                    (local.tee $lx
                      (i32.add
                        (local.get $origin)
                        (i32.add
                          (i32.mul (i32.shr_s (local.get $fy) (i32.const 16)) (global.get $stride))
                          (i32.mul (i32.shr_s (local.get $fx) (i32.const 16)) (i32.const 3)))))))
                (local.set $v
                  (v128.load64_lane 1 (i32.add (local.get $lx) (global.get $stride)) (local.get $v)))
                (br $blend)))
            ;; a new run starts here; unsigned: a negative x0 or y0 is out too
            (local.set $x0 (i32.shr_s (local.get $fx) (i32.const 16)))
            (local.set $y0 (i32.shr_s (local.get $fy) (i32.const 16)))
            (if (i32.eqz
                  (i32.and
                    (i32.lt_u (local.get $x0) (global.get $lastX))
                    (i32.lt_u (local.get $y0) (global.get $lastY))))
              (then
                (local.set $left (i32.add (local.get $left) (i32.const 1)))
                (br $advance)))
            (local.set $lx (i32.add (local.get $x0) (global.get $ox)))
            (local.set $ly (i32.add (local.get $y0) (global.get $oy)))
            (local.set $ix (i32.and (local.get $lx) (global.get $maskX)))
            (local.set $iy (i32.and (local.get $ly) (global.get $maskY)))
            (if (i32.or
                  (i32.eq (local.get $ix) (global.get $maskX))
                  (i32.eq (local.get $iy) (global.get $maskY)))
              (then
                ;; neighbours in two or four tiles: rows of (left pixel's 3 bytes, right pixel's 3 bytes), as a run's
                ;; loads give them (a 32-bit load's fourth byte masked off)
                (local.set $v
                  (i64x2.replace_lane 1
                    (i64x2.splat
                      (i64.or
                        (i64.extend_i32_u
                          (i32.and (i32.load (call $address (local.get $lx) (local.get $ly))) (i32.const 0xffffff)))
                        (i64.shl
                          (i64.extend_i32_u
                            (i32.load (call $address (i32.add (local.get $lx) (i32.const 1)) (local.get $ly))))
                          (i64.const 24))))
                    (i64.or
                      (i64.extend_i32_u
                        (i32.and
                          (i32.load (call $address (local.get $lx) (i32.add (local.get $ly) (i32.const 1))))
                          (i32.const 0xffffff)))
                      (i64.shl
                        (i64.extend_i32_u
                          (i32.load
                            (call $address (i32.add (local.get $lx) (i32.const 1)) (i32.add (local.get $ly) (i32.const 1)))))
                        (i64.const 24)))))
                (br $blend)))
            ;; the run: as long as x0 and y0 keep all four neighbours in this tile and the region
            (local.set $run
              (call $runLength (local.get $fx) (local.get $sx)
                (select (i32.sub (local.get $x0) (local.get $ix)) (i32.const 0)
                  (i32.gt_s (i32.sub (local.get $x0) (local.get $ix)) (i32.const 0)))
                (select (i32.sub (global.get $lastX) (i32.const 1))
                  (i32.sub (i32.add (i32.sub (local.get $x0) (local.get $ix)) (global.get $maskX)) (i32.const 1))
                  (i32.lt_s (i32.sub (global.get $lastX) (i32.const 1))
                    (i32.sub (i32.add (i32.sub (local.get $x0) (local.get $ix)) (global.get $maskX)) (i32.const 1))))))
            (local.set $ix
              (call $runLength (local.get $fy) (local.get $sy)
                (select (i32.sub (local.get $y0) (local.get $iy)) (i32.const 0)
                  (i32.gt_s (i32.sub (local.get $y0) (local.get $iy)) (i32.const 0)))
                (select (i32.sub (global.get $lastY) (i32.const 1))
                  (i32.sub (i32.add (i32.sub (local.get $y0) (local.get $iy)) (global.get $maskY)) (i32.const 1))
                  (i32.lt_s (i32.sub (global.get $lastY) (i32.const 1))
                    (i32.sub (i32.add (i32.sub (local.get $y0) (local.get $iy)) (global.get $maskY)) (i32.const 1))))))
            (if (i32.lt_s (local.get $ix) (local.get $run)) (then (local.set $run (local.get $ix))))
            ;; the tile's address less the region offset of its top-left pixel: level pixel (x, y) is at
            ;; origin + y · stride + 3 · x
            (local.set $origin
              (i32.sub
                (call $address (local.get $lx) (local.get $ly))
                (i32.add
                  (i32.mul (local.get $y0) (global.get $stride))
                  (i32.mul (local.get $x0) (i32.const 3)))))
            (local.set $v
              (v128.load64_zero
                (local.tee $lx
                  (i32.add
                    (local.get $origin)
                    (i32.add
                      (i32.mul (local.get $y0) (global.get $stride))
                      (i32.mul (local.get $x0) (i32.const 3)))))))
            (local.set $v (v128.load64_lane 1 (i32.add (local.get $lx) (global.get $stride)) (local.get $v))))
          ;; $v: bytes 0–5 the top-left and top-right pixels (R G B R G B), 8–13 the bottom-left and bottom-right
          (local.set $top (i16x8.shl (i16x8.extend_low_i8x16_u (local.get $v)) (i32.const 7)))
          (local.set $bottom (i16x8.shl (i16x8.extend_high_i8x16_u (local.get $v)) (i32.const 7)))
          ;; down the columns: lanes 0–2 the left pixel, 3–5 the right one
          (local.set $top
            (i16x8.add (local.get $top)
              (i16x8.q15mulr_sat_s
                (i16x8.sub (local.get $bottom) (local.get $top))
                (i16x8.splat (i32.shr_u (i32.and (local.get $fy) (i32.const 0xffff)) (i32.const 1))))))
          ;; across: the right pixel moved into lanes 0–2
          (local.set $bottom
            (i8x16.shuffle 6 7 8 9 10 11 12 13 14 15 0 1 2 3 4 5 (local.get $top) (local.get $top)))
          (local.set $top
            (i16x8.add (local.get $top)
              (i16x8.q15mulr_sat_s
                (i16x8.sub (local.get $bottom) (local.get $top))
                (i16x8.splat (i32.shr_u (i32.and (local.get $fx) (i32.const 0xffff)) (i32.const 1))))))
          ;; Q7 → 8 bits, rounded; R G B in the low three bytes, alpha 255 above
          (local.set $v
            (i8x16.narrow_i16x8_u
              (i16x8.shr_u (i16x8.add (local.get $top) (i16x8.splat (i32.const 64))) (i32.const 7))
              (local.get $top)))
          (i32.store (local.get $o) (i32.or (i32x4.extract_lane 0 (local.get $v)) (i32.const 0xff000000)))
          (local.set $drawn (i32.add (local.get $drawn) (i32.const 1))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (local.set $fx (i32.add (local.get $fx) (local.get $sx)))
        (local.set $fy (i32.add (local.get $fy) (local.get $sy)))
        (if (local.get $run) (then (local.set $run (i32.sub (local.get $run) (i32.const 1)))))
        (br $next)))
    (i32.or (local.get $drawn) (i32.shl (local.get $left) (i32.const 16)))
  )
)
